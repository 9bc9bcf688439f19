// expand(self, sizes): the shape rule of torch.Tensor.expand (a broadcast view, no copy).
//   require len(sizes) >= self.rank; self aligns with the last self.rank sizes
//   new leading dim i: require sizes[i] given (not -1) and >= 0; result[i] = sizes[i]
//   existing dim: -1 keeps self's size; otherwise require self[j] == sizes[i] or
//     self[j] == 1, and result[i] = sizes[i]
// Source of truth: torch.Tensor.expand (PyTorch docs)
#pragma once

#include <optional>
#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.expand(*sizes), where nullopt stands for -1 (keep the size). A size that is not 1
/// can only be "expanded" to itself: symbolically, (self[j] - size)*(self[j] - 1) == 0 must
/// hold for every configuration, so [n_kv_heads] expands to n_heads only when that is
/// guaranteed, and the error says when it is not (n_kv_heads >= 2 and group >= 2).
template <class D>
ShapeResult<D> expand(const Shape<D>& self, const std::vector<std::optional<D>>& sizes);

}  // namespace kvcheck::shape
