// Functions shared by the JSON and YAML parsers (private to io/).
#pragma once

#include <cstddef>
#include <string>

namespace kvcheck::io::detail {

/// Deepest nesting accepted. Real configs nest three or four levels; the limit keeps a
/// hostile file from exhausting the stack or memory of the recursive passes.
inline constexpr std::size_t kMaxDepth = 64;

/// The InputError for a value nested deeper than kMaxDepth, at `line`.
[[noreturn]] void fail_too_deep(const std::string& path, int line);

/// `s` with every control character (newlines included) replaced by a space, so that a
/// library's message or a user's value can never break the one-line error format.
std::string one_line(std::string s);

/// Throws InputError("empty file ...") when `text` holds nothing but blanks and a UTF-8 BOM:
/// both parsers would otherwise answer with their own, less helpful words.
void reject_blank(const std::string& path, const std::string& text);

/// 1-based line of the byte at 0-based `offset` in `text`; offsets at or past the end count
/// as the last line.
int line_at(const std::string& text, std::size_t offset);

}  // namespace kvcheck::io::detail
