// torch.broadcast_shapes(a, b) and the broadcasting pieces other rules share.
//   align a and b at their last dims; a missing leading dim counts as 1
//   for each aligned pair (x, y): require x == y or x == 1 or y == 1
//   result[i] = y if x == 1 else x
// Source of truth: torch.broadcast_shapes (PyTorch docs)
#include "kvcheck/shape/ops/broadcast_shapes.hpp"

#include <algorithm>
#include <type_traits>

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// The size at `i` of `s` right-aligned into `rank` dims: a missing leading dim is 1.
template <class D>
D aligned(const Shape<D>& s, std::int64_t rank, std::int64_t i) {
  const std::int64_t j = i - (rank - s.rank());
  return j < 0 ? D(1) : s[j];
}

}  // namespace

template <class D>
BroadcastDim<D> broadcast_dim(const D& x, const D& y) {
  const Obligation same = DimOps<D>::require_equal(x, y);
  if (same.holds()) return {same, x};
  const Obligation x_is_one = DimOps<D>::require_equal(x, D(1));
  if (x_is_one.holds()) return {x_is_one, y};
  const Obligation y_is_one = DimOps<D>::require_equal(y, D(1));
  if (y_is_one.holds()) return {y_is_one, x};
  // No factor vanishes, so the product does not either. Symbolically its normal form gives
  // the exact condition and the smallest configuration where PyTorch raises; concrete sizes
  // fail outright (and multiplying them could overflow).
  if constexpr (std::is_same_v<D, sym::Dim>) {
    return {DimOps<D>::require_equal((x - y) * (x - D(1)) * (y - D(1)), D(0)), x};
  } else {
    return {same, x};
  }
}

template <class D>
Obligation stretches_to(const D& from, const D& to) {
  const Obligation same = DimOps<D>::require_equal(from, to);
  if (same.holds()) return same;
  const Obligation from_is_one = DimOps<D>::require_equal(from, D(1));
  if (from_is_one.holds()) return from_is_one;
  if constexpr (std::is_same_v<D, sym::Dim>) {
    return DimOps<D>::require_equal((from - to) * (from - D(1)), D(0));
  } else {
    return same;
  }
}

template <class D>
ShapeResult<D> broadcast_pair(const std::string& op, const LazyOperands& operands,
                              const LazyText& subject, const Shape<D>& a, const Shape<D>& b) {
  const std::int64_t rank = std::max(a.rank(), b.rank());
  Shape<D> out;
  for (std::int64_t i = 0; i < rank; ++i) {
    const D x = aligned(a, rank, i);
    const D y = aligned(b, rank, i);
    BroadcastDim<D> bd = broadcast_dim(x, y);
    if (!bd.obligation.holds()) {
      const std::string what = subject.get() + " do not broadcast at dim " + std::to_string(i);
      return unexpected(make_shape_error(op, operands.get(), what, DimOps<D>::str(x),
                                         DimOps<D>::str(y), bd.obligation));
    }
    out.dims.push_back(std::move(bd.size));
  }
  return out;
}

template <class D>
std::optional<ShapeError> check_broadcasts_to(const std::string& op, const LazyOperands& operands,
                                              const LazyText& from_text, const Shape<D>& from,
                                              const LazyText& to_text, const Shape<D>& to) {
  auto what = [&] { return from_text.get() + " does not broadcast to " + to_text.get(); };
  if (from.rank() > to.rank()) {
    return structural_error<D>(op, operands, what() + ": too many dims",
                               "rank " + std::to_string(from.rank()),
                               "rank " + std::to_string(to.rank()));
  }
  for (std::int64_t j = 0; j < to.rank(); ++j) {
    const D x = aligned(from, to.rank(), j);
    const Obligation ob = stretches_to(x, to[j]);
    if (ob.holds()) continue;
    return make_shape_error(op, operands.get(), what() + " at dim " + std::to_string(j),
                            DimOps<D>::str(x), DimOps<D>::str(to[j]), ob);
  }
  return std::nullopt;
}

template <class D>
ShapeResult<D> broadcast_shapes(const Shape<D>& a, const Shape<D>& b) {
  const std::vector<std::string> operands{operand("a", a), operand("b", b)};
  return broadcast_pair("broadcast_shapes", operands, operands[0] + " and " + operands[1], a, b);
}

// Explicit instantiations: the two dimension types every rule is written for.
template BroadcastDim<std::int64_t> broadcast_dim(const std::int64_t&, const std::int64_t&);
template BroadcastDim<sym::Dim> broadcast_dim(const sym::Dim&, const sym::Dim&);
template Obligation stretches_to(const std::int64_t&, const std::int64_t&);
template Obligation stretches_to(const sym::Dim&, const sym::Dim&);
template ShapeResult<std::int64_t> broadcast_pair(const std::string&, const LazyOperands&,
                                                  const LazyText&, const Shape<std::int64_t>&,
                                                  const Shape<std::int64_t>&);
template ShapeResult<sym::Dim> broadcast_pair(const std::string&, const LazyOperands&,
                                              const LazyText&, const Shape<sym::Dim>&,
                                              const Shape<sym::Dim>&);
template std::optional<ShapeError> check_broadcasts_to(const std::string&, const LazyOperands&,
                                                       const LazyText&, const Shape<std::int64_t>&,
                                                       const LazyText&, const Shape<std::int64_t>&);
template std::optional<ShapeError> check_broadcasts_to(const std::string&, const LazyOperands&,
                                                       const LazyText&, const Shape<sym::Dim>&,
                                                       const LazyText&, const Shape<sym::Dim>&);
template ShapeResult<std::int64_t> broadcast_shapes(const Shape<std::int64_t>&,
                                                    const Shape<std::int64_t>&);
template ShapeResult<sym::Dim> broadcast_shapes(const Shape<sym::Dim>&, const Shape<sym::Dim>&);

}  // namespace kvcheck::shape
