// matmul(a, b): the shape rule of torch.matmul, including the 1-D cases.
//   require a.rank >= 1 and b.rank >= 1
//   batch = broadcast(a.shape[:-2], b.shape[:-2])   (a 1-D operand has no batch dims)
//   require a.shape[-1] == (b.shape[-2] if b.rank >= 2 else b.shape[0])
//   result = batch + ([a.shape[-2]] if a.rank >= 2) + ([b.shape[-1]] if b.rank >= 2)
// Source of truth: torch.matmul (PyTorch docs)
#pragma once

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// torch.matmul(a, b): dot, matrix-vector, vector-matrix, matrix and batched products. The
/// batch dims broadcast exactly as in PyTorch, so [batch, n_heads, s, d] x
/// [batch, n_kv_heads, d, s] runs when n_kv_heads == 1 (or group == 1) and fails otherwise.
template <class D>
ShapeResult<D> matmul(const Shape<D>& a, const Shape<D>& b);

}  // namespace kvcheck::shape
