// Exact evaluation of one polynomial at many small integer points, and the walk over points
// in counter-model order: increasing sum, then lexicographic in symbol order. Private to sym.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "kvcheck/sym/dim.hpp"
#include "kvcheck/sym/wide_int.hpp"

namespace kvcheck::sym::detail {

/// A polynomial flattened into dense exponent rows over its own symbols, for fast repeated
/// evaluation. Not thread-safe: evaluation reuses one scratch buffer.
class CompiledPoly {
 public:
  explicit CompiledPoly(const Dim& p);

  /// The polynomial's symbols in symbol order; point coordinates follow this order.
  const std::vector<Symbol>& vars() const { return vars_; }
  /// Highest exponent of vars()[var].
  int degree_in(std::size_t var) const { return max_exp_[var]; }
  /// The exact value at x (one coordinate per var); throws std::overflow_error past 128 bits.
  Int128 eval(const std::vector<std::int64_t>& x) const;
  /// True when fixing vars()[var] = c leaves the zero polynomial in the other symbols, i.e.
  /// when (vars()[var] - c) divides the polynomial.
  bool vanishes_at(std::size_t var, std::int64_t c) const;

 private:
  // data() + offset rather than &exps_[offset]: a constant has no exponents at all.
  const std::uint16_t* row(std::size_t term) const { return exps_.data() + term * vars_.size(); }
  /// Per term, a key equal for two terms exactly when their exponents agree in every var
  /// except `var`.
  std::vector<std::uint64_t> keys_except(std::size_t var) const;

  std::vector<Symbol> vars_;
  std::vector<std::int64_t> coefs_;
  std::vector<std::uint16_t> exps_;      ///< term t's exponents: [t*n, t*n + n)
  std::vector<int> max_exp_;             ///< per var
  /// Mixed-radix code of each exponent row (digit j has base max_exp_[j] + 1), so rows
  /// compare as integers; empty when the codes would not fit 64 bits.
  std::vector<std::uint64_t> codes_;
  std::vector<std::uint64_t> place_;     ///< per var: the value of one unit of its digit
  std::vector<std::size_t> pow_offset_;  ///< per var: start of its powers in pow_
  mutable std::vector<Int128> pow_;      ///< scratch: x_j^0 .. x_j^max_exp_[j]
};

/// The lexicographic successor of y among vectors of the same length and sum; false when y
/// is the last one, (sum, 0, ..., 0).
bool next_composition(std::vector<std::int64_t>& y);

/// Visits the points x >= lower whose excess sum(x - lower) is 0, 1, ..., max_excess, in
/// lexicographic order within one excess, until `found(x)` is true (that point is returned)
/// or `budget` points have been visited (nullopt, as when the walk ends).
template <class Found>
std::optional<std::vector<std::int64_t>> first_point_by_sum(
    const std::vector<std::int64_t>& lower, std::int64_t max_excess, std::int64_t budget,
    Found found) {
  const std::size_t n = lower.size();
  std::vector<std::int64_t> excess(n, 0);
  std::vector<std::int64_t> x = lower;
  std::int64_t visited = 0;
  // With no variables there is one point, the empty one, at excess 0.
  const std::int64_t last = n == 0 ? 0 : max_excess;
  for (std::int64_t t = 0; t <= last; ++t) {
    std::fill(excess.begin(), excess.end(), 0);
    if (n > 0) excess[n - 1] = t;
    do {
      if (visited++ == budget) return std::nullopt;
      for (std::size_t i = 0; i < n; ++i) x[i] = lower[i] + excess[i];
      if (found(x)) return x;
    } while (next_composition(excess));
  }
  return std::nullopt;
}

}  // namespace kvcheck::sym::detail
