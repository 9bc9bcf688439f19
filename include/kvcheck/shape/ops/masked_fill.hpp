// masked_fill_(self, mask, value): the shape rule of filling self where mask is true.
//   align mask with self at their last dims; require mask.rank <= self.rank
//   for each aligned pair: require mask[i] == self[j] or mask[i] == 1
//   result = self.shape   (the mask broadcasts to self; self never grows)
// Source of truth: torch.Tensor.masked_fill_ (PyTorch docs)
#pragma once

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.masked_fill(mask, value), checked with the in-place rule: the mask must broadcast
/// TO self's shape, which is the result. Out-of-place masked_fill would also grow self to a
/// larger mask; attention code masks scores with a mask no larger than the scores, and a
/// mask that enlarges them is a bug kvcheck wants reported, so that case is an error here.
template <class D>
ShapeResult<D> masked_fill(const Shape<D>& self, const Shape<D>& mask);

}  // namespace kvcheck::shape
