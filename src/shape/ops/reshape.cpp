// reshape(self, sizes): the shape rule of torch.Tensor.reshape, the same as view's.
//   require every given size >= 0; at most one size is -1 (here: the index `inferred`)
//   known = product of the given sizes other than the -1
//   if there is a -1: require known divides self.numel(); sizes[-1 index] = numel / known
//   else: require product(sizes) == self.numel()
// Source of truth: torch.reshape (PyTorch docs)
#include "kvcheck/shape/ops/reshape.hpp"

#include "kvcheck/shape/ops/view.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> reshape(const Shape<D>& self, const std::vector<D>& sizes,
                       std::optional<std::size_t> inferred) {
  // Without strides, reshape's shape rule is view's; only the name in messages differs.
  return detail::view_rule("reshape", self, sizes, inferred);
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> reshape(const Shape<std::int64_t>&,
                                           const std::vector<std::int64_t>&,
                                           std::optional<std::size_t>);
template ShapeResult<sym::Dim> reshape(const Shape<sym::Dim>&, const std::vector<sym::Dim>&,
                                       std::optional<std::size_t>);

}  // namespace kvcheck::shape
