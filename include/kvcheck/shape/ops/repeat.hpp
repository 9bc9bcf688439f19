// repeat(self, repeats): the shape rule of torch.Tensor.repeat (tiling, NOT repeat_kv).
//   require len(repeats) >= self.rank and every repeats[i] >= 0
//   padded = [1] * (len(repeats) - self.rank) + self.shape   (new dims lead)
//   result[i] = padded[i] * repeats[i]
//   (values: slice i of the result is slice i % padded[d] of self along every dim d)
// Source of truth: torch.Tensor.repeat (PyTorch docs)
#pragma once

#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.repeat(*repeats): tiles the whole tensor; new leading dims come first, as in PyTorch.
/// Its shape is repeat_interleave's, its values are not: tiling kv heads makes query head h
/// read kv head h % n_kv_heads instead of h / group.
template <class D>
ShapeResult<D> repeat(const Shape<D>& self, const std::vector<D>& repeats);

}  // namespace kvcheck::shape
