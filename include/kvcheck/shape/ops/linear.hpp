// linear(input, weight [out, in]): the shape rule of torch.nn.functional.linear.
//   require input.rank >= 1
//   require input.shape[-1] == in_features
//   result = input.shape[:-1] + [out_features]
// Source of truth: torch.nn.functional.linear (PyTorch docs)
#pragma once

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// F.linear with a weight of shape [out_features, in_features] (the bias, when present,
/// has shape [out_features] and never changes the result): input[..., in] -> [..., out].
template <class D>
ShapeResult<D> linear(const Shape<D>& input, const D& in_features, const D& out_features);

}  // namespace kvcheck::shape
