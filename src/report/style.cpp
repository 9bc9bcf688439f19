// Style: ANSI colour through fmt, only for terminals and never when NO_COLOR is set.
#include "kvcheck/report/style.hpp"

#include <fmt/color.h>
#include <unistd.h>

#include <cstdlib>

namespace kvcheck::report {

std::string Style::paint(const std::string& text, Tone tone) const {
  if (!colour) return text;
  switch (tone) {
    case Tone::kPlain:
      return text;
    case Tone::kGood:
      return fmt::format(fmt::fg(fmt::terminal_color::green), "{}", text);
    case Tone::kBad:
      return fmt::format(fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold, "{}", text);
    case Tone::kWarn:
      return fmt::format(fmt::fg(fmt::terminal_color::yellow), "{}", text);
    case Tone::kDim:
      return fmt::format(fmt::emphasis::faint, "{}", text);
    case Tone::kBold:
      return fmt::format(fmt::emphasis::bold, "{}", text);
  }
  return text;
}

Style detect_style(int fd) {
  const char* no_colour = std::getenv("NO_COLOR");
  const bool disabled = no_colour != nullptr && no_colour[0] != '\0';
  return Style{!disabled && isatty(fd) == 1};
}

}  // namespace kvcheck::report
