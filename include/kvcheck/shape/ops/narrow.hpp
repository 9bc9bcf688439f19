// narrow(self, dim, start, length): the shape rule of torch.narrow (how a cache is read).
//   require self.rank >= 1; d = wrap(dim); require length >= 0
//   if start < 0: require -self[d] <= start; start += self[d]   (counts from the end)
//   require start + length <= self.shape[d]
//   result = self.shape with result[d] = length
// Source of truth: torch.narrow (PyTorch docs)
#pragma once

#include <cstdint>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.narrow(dim, start, length). The bound start + length <= self.shape[dim] is decided
/// with DimOps<D>::require_at_most, so symbolically it may be Unknown: then the error has
/// `unknown` set and says it cannot be decided, never that it fails. Only a start that is a
/// negative constant counts from the end; a symbolic start is taken to be non-negative.
template <class D>
ShapeResult<D> narrow(const Shape<D>& self, std::int64_t dim, const D& start, const D& length);

}  // namespace kvcheck::shape
