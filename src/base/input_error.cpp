// InputError: formats "file:line: field: message" once, so every caller reports alike.
#include "kvcheck/base/input_error.hpp"

namespace kvcheck {
namespace {

/// `s` on one line: control bytes (newline, CR, ESC, NUL, DEL) shown as \xNN, so that a key
/// or value quoted from a file can neither forge a second message line nor drive a terminal.
std::string one_line(const std::string& s) {
  static const char* const kHex = "0123456789abcdef";
  std::string out;
  for (const char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b == 0x7f) {
      out += "\\x";
      out += kHex[b >> 4];
      out += kHex[b & 15];
    } else {
      out += c;
    }
  }
  return out;
}

std::string locate(const std::string& raw_file, int line, const std::string& raw_field,
                   const std::string& raw_what) {
  const std::string file = one_line(raw_file);
  const std::string field = one_line(raw_field);
  const std::string what = one_line(raw_what);
  std::string out;
  if (!file.empty()) out += file + ":";
  if (line > 0) out += std::to_string(line) + ":";
  if (!out.empty()) out += " ";
  if (!field.empty()) out += field + ": ";
  return out + what;
}

}  // namespace

InputError::InputError(std::string file, int line, std::string field, const std::string& what)
    : std::runtime_error(locate(file, line, field, what)),
      file_(std::move(file)),
      line_(line),
      field_(std::move(field)) {}

}  // namespace kvcheck
