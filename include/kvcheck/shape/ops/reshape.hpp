// reshape(self, sizes): the shape rule of torch.Tensor.reshape, the same as view's.
//   require every given size >= 0; at most one size is -1 (here: the index `inferred`)
//   known = product of the given sizes other than the -1
//   if there is a -1: require known divides self.numel(); sizes[-1 index] = numel / known
//   else: require product(sizes) == self.numel()
// Source of truth: torch.reshape (PyTorch docs)
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.reshape(sizes), with the same shape rule as view (see view.hpp). PyTorch's only
/// difference is that reshape copies when the strides do not allow a view; kvcheck does not
/// model strides, so the two rules coincide here.
template <class D>
ShapeResult<D> reshape(const Shape<D>& self, const std::vector<D>& sizes,
                       std::optional<std::size_t> inferred = std::nullopt);

}  // namespace kvcheck::shape
