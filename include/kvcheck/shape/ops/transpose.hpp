// transpose(self, dim0, dim1): the shape rule of torch.transpose.
//   d0, d1 = wrap(dim0), wrap(dim1)   (negative counts from the end; a 0-dim tensor
//                                      accepts 0 and -1 and stays 0-dim)
//   result = self.shape with result[d0], result[d1] = self[d1], self[d0]
// Source of truth: torch.transpose (PyTorch docs)
#pragma once

#include <cstdint>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.transpose(dim0, dim1): swaps two dims; an out-of-range dim is an error.
template <class D>
ShapeResult<D> transpose(const Shape<D>& self, std::int64_t dim0, std::int64_t dim1);

}  // namespace kvcheck::shape
