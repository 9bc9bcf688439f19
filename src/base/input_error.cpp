// InputError: formats "file:line: field: message" once, so every caller reports alike.
#include "kvcheck/base/input_error.hpp"

namespace kvcheck {
namespace {

std::string locate(const std::string& file, int line, const std::string& field,
                   const std::string& what) {
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
