// The terminal around the demo: how wide it is and whether to wait for Enter. The only
// part of the demo that looks at the process's environment.
#pragma once

#include <cstddef>
#include <optional>

namespace kvcheck::demo {

/// Columns to lay out for: `flag` (--width) when given; else the terminal's width
/// (TIOCGWINSZ on stdout); else $COLUMNS; else 100. Detected widths are kept within
/// [60, 200] so the two lanes stay readable.
std::size_t output_width(std::optional<std::size_t> flag);

/// Waits for Enter on stdin when stdin is a terminal and `prompt` is printed to stderr;
/// returns at once when stdin is not a terminal or is at end of file.
void wait_for_enter(const char* prompt);

}  // namespace kvcheck::demo
