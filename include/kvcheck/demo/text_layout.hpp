// Plain-text layout for the terminal demo: glyph sets (UTF-8 or ASCII), display widths,
// word wrapping and two columns side by side, with colour applied after measuring.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kvcheck/report/style.hpp"

namespace kvcheck::demo {

/// The characters the demo draws with. Every glyph is one terminal column wide.
struct Glyphs {
  std::string written;  ///< a cache cell that holds a token
  std::string empty;    ///< a cache cell not written yet
  std::string column;   ///< between the two columns
  std::string rule;     ///< section rules
  std::string arrow;    ///< symbols -> numbers
  std::string reads;    ///< kv head <- query heads
  std::string differs;  ///< a line that differs from fixed
  std::string fails;    ///< the op that fails
  std::string holds;    ///< holds here
};

const Glyphs& unicode_glyphs();
const Glyphs& ascii_glyphs();

/// Terminal columns `s` takes: one per code point (the demo prints no wide characters).
std::size_t display_width(std::string_view s);

/// `text` broken at spaces into lines of at most `width` columns; lines after the first
/// start with `indent` spaces. A word longer than a line is cut.
std::vector<std::string> wrap(std::string_view text, std::size_t width, std::size_t indent = 0);

/// One line of output and its colour.
struct Line {
  std::string text;
  report::Tone tone = report::Tone::kPlain;
};
using Cell = std::vector<Line>;

/// `text` wrapped as lines of one tone, prefixed by `lead` (whose width counts).
Cell wrapped(std::string_view lead, std::string_view text, std::size_t width,
             report::Tone tone = report::Tone::kPlain, std::size_t indent = 2);

/// Two cells side by side, each padded to `width` columns, joined by " <column> ".
std::string side_by_side(const Cell& left, const Cell& right, std::size_t width,
                         const Glyphs& glyphs, const report::Style& style);

/// The lines of a cell, painted, each with a newline.
std::string render(const Cell& cell, const report::Style& style);

/// A section heading: "━━ title ━━━━" filling `width` columns.
std::string heading(const std::string& title, std::size_t width, const Glyphs& glyphs,
                    const report::Style& style);

}  // namespace kvcheck::demo
