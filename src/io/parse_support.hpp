// Functions shared by the JSON and YAML parsers (private to io/).
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include "kvcheck/io/input_limits.hpp"

namespace kvcheck::io::detail {

/// Counts what a parser has built so far against kMaxValues and kMaxExpandedBytes, and
/// checks each key and scalar against kMaxKeyBytes and kMaxScalarBytes. Both parsers call it
/// for every value they create, so expansion stops at the limit instead of after it.
class ValueBudget {
 public:
  explicit ValueBudget(std::string path) : path_(std::move(path)) {}

  /// One more value at `line`, holding `text_bytes` of text. `field()` gives its dotted key,
  /// asked for only when a limit is passed: building it for every value would cost more
  /// than the counting.
  template <class Field>
  void add_value(int line, std::size_t text_bytes, const Field& field) {
    ++values_;
    bytes_ += text_bytes;
    if (text_bytes > kMaxScalarBytes || values_ > kMaxValues || bytes_ > kMaxExpandedBytes) {
      fail_value(line, field(), text_bytes);
    }
  }
  /// A key of `key_bytes` at `line`; `field()` as for add_value.
  template <class Field>
  void check_key(int line, std::size_t key_bytes, const Field& field) const {
    if (key_bytes > kMaxKeyBytes) fail_key(line, field(), key_bytes);
  }

 private:
  [[noreturn]] void fail_value(int line, const std::string& field, std::size_t text_bytes) const;
  [[noreturn]] void fail_key(int line, const std::string& field, std::size_t key_bytes) const;

  std::string path_;
  std::size_t values_ = 0;
  std::size_t bytes_ = 0;
};

/// The InputError for a value nested deeper than kMaxDepth, at `line`.
[[noreturn]] void fail_too_deep(const std::string& path, int line);

/// `s` with every control character (newlines included) replaced by a space, so that a
/// library's message or a user's value can never break the one-line error format.
std::string one_line(std::string s);

/// Throws InputError("empty file ...") when `text` holds nothing but blanks and a UTF-8 BOM:
/// both parsers would otherwise answer with their own, less helpful words.
void reject_blank(const std::string& path, const std::string& text);

/// "UTF-32" or "UTF-16" when `text` starts with that byte-order mark or, without one, with
/// the zero bytes a wide encoding puts beside an ASCII character; nullptr for UTF-8.
const char* wide_encoding(const std::string& text);

/// Throws InputError at the first NUL byte of `text` (for UTF-8 text: a UTF-16 or UTF-32
/// file is recognised by wide_encoding before this is asked).
void reject_nul(const std::string& path, const std::string& text);

/// 1-based line of the byte at 0-based `offset` in `text`; offsets at or past the end count
/// as the last line.
int line_at(const std::string& text, std::size_t offset);

}  // namespace kvcheck::io::detail
