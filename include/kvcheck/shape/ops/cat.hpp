// cat(tensors, dim): the shape rule of torch.cat (how a growing cache is extended).
//   skip every tensor of shape [0] (PyTorch's legacy empty tensor); require one is left
//   require every tensor to have the rank of the first, and rank >= 1; d = wrap(dim)
//   require t.shape[k] == first.shape[k] for every tensor t and every k != d
//   result = first.shape with result[d] = sum of t.shape[d]
// Source of truth: torch.cat (PyTorch docs)
#pragma once

#include <cstdint>
#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// torch.cat(tensors, dim). An empty list is an error; a list of only [0] tensors gives [0].
template <class D>
ShapeResult<D> cat(const std::vector<Shape<D>>& tensors, std::int64_t dim);

}  // namespace kvcheck::shape
