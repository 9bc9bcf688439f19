// InputError: bad user input or environment (unreadable file, bad field, bad flag).
// Raised at the edges, caught only in main and mapped to exit code 2.
#pragma once

#include <stdexcept>
#include <string>

namespace kvcheck {

/// A problem with what the user gave us, located as precisely as we can (file, line, field).
class InputError : public std::runtime_error {
 public:
  /// `file` may be empty (e.g. a command-line flag); `line` is 1-based, 0 when unknown.
  InputError(std::string file, int line, std::string field, const std::string& what);

  const std::string& file() const { return file_; }
  int line() const { return line_; }
  const std::string& field() const { return field_; }

 private:
  std::string file_;
  int line_;
  std::string field_;
};

}  // namespace kvcheck
