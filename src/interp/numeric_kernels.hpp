// The PyTorch ops the numeric interpreter needs, on contiguous tensors. Private to the
// interpreter: shapes are checked by the shared rules before any kernel runs, so a kernel
// that still meets a bad shape throws std::logic_error (a bug in kvcheck, not a finding).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::interp::kernels {

/// F.linear(x, weight): [..., in] -> [..., out] with weight [out, in].
template <class S>
Tensor<S> linear(const Tensor<S>& x, const Tensor<S>& weight);

/// F.linear into `out`, already sized [..., out]. Uses every numeric thread: Eigen's parallel
/// GEMM for many rows, and for a few rows (a decode step) the output features split between
/// the threads, since Eigen runs a matrix-vector product on one.
template <class S>
void linear_into(Tensor<S>& out, const Tensor<S>& x, const Tensor<S>& weight);

/// Tensor.narrow(dim, start, out.size(dim)) copied into `out`, already sized.
template <class S>
void narrow_into(Tensor<S>& out, const Tensor<S>& t, std::int64_t dim, std::int64_t start);

/// Tensor.view(sizes) of a contiguous tensor; entry `inferred` (if any) holds -1 and is
/// resolved from the element count.
template <class S>
Tensor<S> view(const Tensor<S>& t, std::vector<std::int64_t> sizes,
               std::optional<std::size_t> inferred);

/// Tensor.transpose(d0, d1), materialised (the result is contiguous).
template <class S>
Tensor<S> transpose(const Tensor<S>& t, std::int64_t d0, std::int64_t d1);

/// Repeats dim `dim` `count` times: interleaved (repeat_interleave: slice i of the result is
/// slice i / count of t) or tiled (Tensor.repeat: slice i is slice i % size).
template <class S>
Tensor<S> repeat_dim(const Tensor<S>& t, std::int64_t dim, std::int64_t count,
                     model::RepeatKind kind);

/// self.index_copy_(dim, arange(start, start + len), source), in place. Checks that the
/// positions lie inside `self` before copying a single value.
template <class S>
void index_copy(Tensor<S>& self, std::int64_t dim, std::int64_t start, const Tensor<S>& source);

/// Tensor.narrow(dim, start, length), copied.
template <class S>
Tensor<S> narrow(const Tensor<S>& t, std::int64_t dim, std::int64_t start, std::int64_t length);

/// torch.matmul: batch dims broadcast as in PyTorch (a size-1 dim stretches), one Eigen
/// product per result matrix; a 1-D operand acts as a row (a) or column (b) that the result drops.
template <class S>
Tensor<S> matmul(const Tensor<S>& a, const Tensor<S>& b);

/// Fills score [.., i, j] with -inf when j > start + i (key j is in query i's future); with
/// `admit_from`, only for j < admit_from (a mask padded with zeros from that key on).
template <class S>
void causal_mask(Tensor<S>& scores, std::int64_t start,
                 std::optional<std::int64_t> admit_from = std::nullopt);

/// F.softmax(t, dim), numerically stable (the row maximum is subtracted first). A row that is
/// all -inf yields NaN, as PyTorch's does.
template <class S>
Tensor<S> softmax(const Tensor<S>& t, std::int64_t dim);

/// F.scaled_dot_product_attention(q, k, v) with scale 1 / sqrt(q.size(-1)), the causal mask
/// of `causal_mask(start)` when `causal`, and with `enable_gqa` query head h reading kv head
/// h / (Hq / Hk) (dim -3). Other batch dims broadcast as in matmul. `admit_from` as in
/// causal_mask.
template <class S>
Tensor<S> sdpa(const Tensor<S>& q, const Tensor<S>& k, const Tensor<S>& v, std::int64_t start,
               bool causal, bool enable_gqa, std::optional<std::int64_t> admit_from = std::nullopt);

}  // namespace kvcheck::interp::kernels
