// torch.broadcast_shapes(a, b): the shape two tensors broadcast to, and the broadcasting
// pieces other rules (matmul, masked_fill_, expand, scaled_dot_product_attention) share.
//   align a and b at their last dims; a missing leading dim counts as 1
//   for each aligned pair (x, y): require x == y or x == 1 or y == 1
//   result[i] = y if x == 1 else x
// Source of truth: torch.broadcast_shapes (PyTorch docs)
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/shape/dim_ops.hpp"
#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// One aligned pair of sizes: whether it broadcasts, and to what.
template <class D>
struct BroadcastDim {
  /// Holds when x == y or x == 1 or y == 1 for every configuration. Symbolically that is the
  /// identity (x - y)*(x - 1)*(y - 1) == 0; since Z[symbols] has no zero divisors it holds
  /// only when one factor is identically zero, which also fixes the broadcast size.
  Obligation obligation;
  D size;  ///< the broadcast size; meaningful when the obligation holds
};

/// Decides whether sizes x and y broadcast, exactly as PyTorch does.
template <class D>
BroadcastDim<D> broadcast_dim(const D& x, const D& y);

/// Whether `from` can be stretched to `to` (from == to or from == 1): the one-way rule of
/// in-place ops and expand. Symbolically the identity (from - to)*(from - 1) == 0.
template <class D>
Obligation stretches_to(const D& from, const D& to);

/// `a` and `b` broadcast against each other; the error reads
/// "<op>: <subject> do not broadcast at dim <i> (<a_i> vs <b_i>)", i counted in the result.
template <class D>
ShapeResult<D> broadcast_pair(const std::string& op, const LazyOperands& operands,
                              const LazyText& subject, const Shape<D>& a, const Shape<D>& b);

/// `from` broadcasts to `to` without changing `to` (the rule for a mask or an in-place
/// operand); the error reads "<op>: <from_text> does not broadcast to <to_text> at dim <j>".
template <class D>
std::optional<ShapeError> check_broadcasts_to(const std::string& op, const LazyOperands& operands,
                                              const LazyText& from_text, const Shape<D>& from,
                                              const LazyText& to_text, const Shape<D>& to);

/// torch.broadcast_shapes(a, b).
template <class D>
ShapeResult<D> broadcast_shapes(const Shape<D>& a, const Shape<D>& b);

}  // namespace kvcheck::shape
