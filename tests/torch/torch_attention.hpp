// The attention pieces of a Program written with libtorch 1.13 ops: rotary embedding (the
// pairing of interp/rope.cpp), the causal mask of OpKind::kCausalMask, and
// scaled_dot_product_attention, which 1.13 does not have, spelled out as its math.
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <optional>

namespace kvcheck::torch_test {

/// x [batch, len, heads, head_dim] with each adjacent pair (2p, 2p + 1) of every head vector
/// of token i rotated by (start + i) * 10000^(-2p / head_dim), as interp::apply_rope does;
/// with an odd head_dim the last element stays. Raises (c10::Error) unless x has 4 dims, as
/// the rule kvcheck applies to the op (op_shape's rotary_embedding) does.
at::Tensor rope(const at::Tensor& x, std::int64_t start);

/// [queries, keys] bools, true where key j is hidden from query i: j > start + i, and with
/// `admit_from` only while j < *admit_from (the padded mask admits the unwritten slots).
at::Tensor causal_hide_mask(std::int64_t queries, std::int64_t keys, std::int64_t start,
                            std::optional<std::int64_t> admit_from);

/// F.scaled_dot_product_attention(q, k, v) as its math implementation computes it:
/// softmax(q @ k^T / sqrt(E) masked) @ v, with batch dims broadcasting in both products.
/// With enable_gqa (PyTorch >= 2.5) it first requires the heads at dim -3 to exist, k's to
/// divide q's and v's to equal k's (as kvcheck's rule states it from the documentation),
/// raising c10::Error otherwise, and repeat_interleaves k and v up to q's head count.
at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     std::int64_t start, bool causal, bool enable_gqa,
                     std::optional<std::int64_t> admit_from);

}  // namespace kvcheck::torch_test
