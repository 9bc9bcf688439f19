// What every shape rule shares: how operands are named in messages, PyTorch's dim wrapping,
// rank checks, and the obligations that are not plain equalities (a size is non-negative,
// one size fits in another, one size divides another exactly).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/shape/dim_ops.hpp"
#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// "self [batch, n_heads]": how a message names an operand.
template <class D>
std::string operand(std::string_view name, const Shape<D>& s) {
  return std::string(name) + " " + s.to_string();
}

/// The obligation of a fact that does not depend on the configuration (a rank, a dim
/// index): it fails for every configuration. Concrete: condition "always" and no smallest
/// configuration, as DimOps<std::int64_t> reports; symbolic: an empty smallest configuration
/// too, as DimOps<sym::Dim> reports two different constants.
template <class D>
Obligation always_fails();

/// The error for such a fact, e.g. "narrow: self [] has too few dims (rank 0 vs rank >= 1)".
template <class D>
ShapeError structural_error(const std::string& op, const LazyOperands& operands,
                            const LazyText& what, const std::string& lhs, const std::string& rhs);

/// `dim` wrapped into [0, rank) as PyTorch does (-1 is the last dim), or the error
/// "dim 4 is out of range for <who> (4 vs [-2, 1])". With `scalar_as_vector`, a 0-dim
/// tensor accepts dim 0 and -1, as PyTorch's dim wrapping allows for most reductions.
template <class D>
Result<std::int64_t, ShapeError> wrap_dim(const std::string& op, const LazyOperands& operands,
                                          const LazyText& who, const Shape<D>& s, std::int64_t dim,
                                          bool scalar_as_vector = false);

/// nullopt when `s` has at least `min_rank` dims, else "<who> has too few dims".
template <class D>
std::optional<ShapeError> check_min_rank(const std::string& op, const LazyOperands& operands,
                                         const LazyText& who, const Shape<D>& s,
                                         std::int64_t min_rank);

/// nullopt when `a <= b` for every configuration; otherwise the error "<what> (a vs b)",
/// Refuted with the smallest failing configuration or Unknown.
template <class D>
std::optional<ShapeError> check_at_most(const std::string& op, const LazyOperands& operands,
                                        const LazyText& what, const D& a, const D& b);

/// nullopt when `d >= 0` for every configuration; otherwise "<what> (d vs 0)".
template <class D>
std::optional<ShapeError> check_nonnegative(const std::string& op, const LazyOperands& operands,
                                            const LazyText& what, const D& d);

/// The outcome of requiring that `b` divides `a` exactly.
template <class D>
struct Division {
  Obligation obligation;
  std::optional<D> quotient;  ///< set exactly when the obligation holds
};

/// a / b when it is exact for every configuration. Symbolically that means a polynomial
/// quotient (sym::exact_div). When there is none, the smallest configuration where the
/// division leaves a remainder (or divides by zero) is searched for: found, the claim is
/// Refuted with it; not found in a bounded search, it is Unknown (a quotient such as
/// x*(x+1)/2 is an integer everywhere but no polynomial with integer coefficients).
template <class D>
Division<D> require_divisible(const D& a, const D& b);

}  // namespace kvcheck::shape
