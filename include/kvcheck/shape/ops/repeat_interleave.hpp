// repeat_interleave(self, repeats, dim): the shape rule of torch.repeat_interleave with one
// repeat count for every slice (how repeat_kv copies each kv head `group` times).
//   require self.rank >= 1; d = wrap(dim); require repeats >= 0
//   result = self.shape with result[d] = self.shape[d] * repeats
//   (values: slice i of the result is slice i / repeats of self)
// Source of truth: torch.repeat_interleave (PyTorch docs)
#pragma once

#include <cstdint>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.repeat_interleave(repeats, dim) with a scalar `repeats`. A 0-dim self (which PyTorch
/// accepts when repeats is 1) is not modelled: it is an error here.
template <class D>
ShapeResult<D> repeat_interleave(const Shape<D>& self, const D& repeats, std::int64_t dim);

}  // namespace kvcheck::shape
