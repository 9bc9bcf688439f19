// softmax(self, dim): the shape rule of torch.softmax.
//   d = wrap(dim)   (negative counts from the end; a 0-dim tensor accepts 0 and -1)
//   result = self.shape   (normalises along d, shape unchanged)
// Source of truth: torch.nn.functional.softmax (PyTorch docs)
#pragma once

#include <cstdint>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// softmax(self, dim): self's shape; an out-of-range dim is an error.
template <class D>
ShapeResult<D> softmax(const Shape<D>& self, std::int64_t dim);

}  // namespace kvcheck::shape
