// align_lines: a longest-common-subsequence diff of two short lists of lines of code.
#include "kvcheck/demo/alignment.hpp"

#include <algorithm>

namespace kvcheck::demo {
namespace {

/// Rows for the unmatched lines between two matches: changed lines pair up in order, the
/// longer side's extra lines stand alone.
void add_gap(std::size_t left_from, std::size_t left_to, std::size_t right_from,
             std::size_t right_to, std::vector<AlignedRow>& rows) {
  std::size_t l = left_from;
  std::size_t r = right_from;
  while (l < left_to || r < right_to) {
    AlignedRow row;
    if (l < left_to) row.left = l++;
    if (r < right_to) row.right = r++;
    row.differs = true;
    rows.push_back(row);
  }
}

}  // namespace

std::vector<AlignedRow> align_lines(const std::vector<std::string>& left,
                                    const std::vector<std::string>& right) {
  const std::size_t n = left.size();
  const std::size_t m = right.size();
  // lcs[i][j]: longest common subsequence of left[i..] and right[j..]. Programs have a few
  // dozen ops, so the quadratic table is tiny.
  std::vector<std::vector<std::size_t>> lcs(n + 1, std::vector<std::size_t>(m + 1, 0));
  for (std::size_t i = n; i-- > 0;) {
    for (std::size_t j = m; j-- > 0;) {
      lcs[i][j] =
          left[i] == right[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
    }
  }
  std::vector<AlignedRow> rows;
  std::size_t i = 0;
  std::size_t j = 0;
  std::size_t gap_i = 0;
  std::size_t gap_j = 0;
  while (i < n && j < m) {
    if (left[i] == right[j]) {
      add_gap(gap_i, i, gap_j, j, rows);
      rows.push_back({i, j, false});
      gap_i = ++i;
      gap_j = ++j;
    } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
      ++i;
    } else {
      ++j;
    }
  }
  add_gap(gap_i, n, gap_j, m, rows);
  return rows;
}

}  // namespace kvcheck::demo
