// Writing a report file so that readers see the old file or the whole new one, never a
// truncated mix (a CI step may read the previous report while kvcheck runs).
#pragma once

#include <string>
#include <vector>

namespace kvcheck::report {

/// Writes `content` to a temporary file in `path`'s directory, flushes it to disk and
/// renames it over `path`. On any failure raises kvcheck::InputError(path, 0, flag,
/// reason), removes the temporary file and leaves whatever was at `path` untouched.
/// The new file's permissions are those of a newly created file (0666 less the umask); a
/// symbolic link at `path` is replaced by the file, not followed.
/// `flag` is the command-line option that named the file, for the error message.
void write_file_atomically(const std::string& path, const std::string& content,
                           const std::string& flag = "--output");

/// Checks, before any work is done, that a report can be written to `path` without losing
/// anything: the name is not empty; its folder exists and can be written; whatever is at
/// `path` now is a regular file (never a device, pipe or folder, which renaming over would
/// replace); and it is none of `inputs`, compared by file identity so that `./x`, `../dir/x`
/// and links to an input are caught too. Raises kvcheck::InputError(path, 0, flag, reason).
void check_output_target(const std::string& path, const std::vector<std::string>& inputs,
                         const std::string& flag = "--output");

}  // namespace kvcheck::report
