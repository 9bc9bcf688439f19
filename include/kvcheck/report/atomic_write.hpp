// Writing a report file so that readers see the old file or the whole new one, never a
// truncated mix (a CI step may read the previous report while kvcheck runs).
#pragma once

#include <string>

namespace kvcheck::report {

/// Writes `content` to a temporary file in `path`'s directory, flushes it to disk and
/// renames it over `path`. On any failure raises kvcheck::InputError(path, 0, flag,
/// reason), removes the temporary file and leaves whatever was at `path` untouched.
/// The new file's permissions are those of a newly created file (0666 less the umask); a
/// symbolic link at `path` is replaced by the file, not followed.
/// `flag` is the command-line option that named the file, for the error message.
void write_file_atomically(const std::string& path, const std::string& content,
                           const std::string& flag = "--output");

}  // namespace kvcheck::report
