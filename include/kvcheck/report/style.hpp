// Style: whether reports use terminal colour. Decided once at the edge (a terminal and no
// NO_COLOR), so writers stay pure functions of their input.
#pragma once

#include <string>

namespace kvcheck::report {

/// Colours of the text report.
enum class Tone { kPlain, kGood, kBad, kWarn, kDim, kBold };

struct Style {
  bool colour = false;
  /// `text` wrapped in the tone's ANSI escapes when colour is on, unchanged otherwise.
  std::string paint(const std::string& text, Tone tone) const;
};

/// Colour when `fd` is a terminal and the NO_COLOR environment variable is unset or empty.
Style detect_style(int fd);

}  // namespace kvcheck::report
