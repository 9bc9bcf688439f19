// Pairs the ops of two lanes' steps line by line, as a side-by-side diff does, so equal
// lines of code sit on one row and the lines one ordering adds or changes stand out.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace kvcheck::demo {

/// One row of the side-by-side view: an op of the left lane, of the right one, or both.
struct AlignedRow {
  std::optional<std::size_t> left;
  std::optional<std::size_t> right;
  /// The two lines of code differ (or one side has none).
  bool differs = false;
};

/// Aligns two lists of lines by a longest common subsequence; between matched lines,
/// unmatched ones are paired in order (a changed line), the rest stand alone.
std::vector<AlignedRow> align_lines(const std::vector<std::string>& left,
                                    const std::vector<std::string>& right);

}  // namespace kvcheck::demo
