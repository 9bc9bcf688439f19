// index_copy_(self, dim, index, source): the shape rule of writing `source` into `self` at
// the positions `index` along `dim` (how a KV cache is written).
//   d = wrap(dim); require source.rank == self.rank
//   require source.shape[k] == self.shape[k] for every k != d
//   require source.shape[d] == len(index)
//   result = self.shape   (in place)
// Source of truth: torch.Tensor.index_copy_ (PyTorch docs)
#pragma once

#include <cstdint>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.index_copy_(dim, index, source) with an index of `index_len` entries. Whether the
/// index values lie inside self.shape[dim] is the caller's check (narrow / require_at_most).
/// 0-dim self or source (which PyTorch special-cases) are not modelled: they are errors here.
template <class D>
ShapeResult<D> index_copy(const Shape<D>& self, std::int64_t dim, const D& index_len,
                          const Shape<D>& source);

}  // namespace kvcheck::shape
