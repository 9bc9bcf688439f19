// scaled_dot_product_attention(q, k, v, attn_mask, enable_gqa): the shape rule of fused
// attention, q [..., Hq, L, E], k [..., Hk, S, E], v [..., Hv, S, Ev] -> [..., Hq, L, Ev].
//   if enable_gqa: require Hq % Hk == 0 and Hk == Hv; k, v = repeat_interleave(Hq / Hk, -3)
//   scores = q @ k.transpose(-2, -1)   (batch dims broadcast; q.shape[-1] == k.shape[-1])
//   if attn_mask: require attn_mask broadcasts to scores.shape [..., Hq, L, S]
//   result = softmax(scores, -1) @ v   (batch dims broadcast; k.shape[-2] == v.shape[-2])
// Source of truth: torch.nn.functional.scaled_dot_product_attention (PyTorch docs)
#pragma once

#include <optional>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// F.scaled_dot_product_attention's shape rule.
///
/// Without enable_gqa every dim before the last two, heads included, broadcasts. That is what
/// PyTorch does: it runs a fused kernel only when the kernel's constraints hold (among them
/// equal batch and head counts) and otherwise falls back to its math implementation, whose
/// two matmuls broadcast. So a query with n_heads heads against a key with n_kv_heads heads
/// runs when n_kv_heads == 1 (MQA) and fails whenever n_kv_heads >= 2 and group >= 2.
///
/// With enable_gqa (PyTorch >= 2.5) the head dim (-3) must exist in all three, Hq must be a
/// multiple of Hk (symbolically an exact polynomial quotient: n_heads / n_kv_heads = group)
/// and Hk == Hv, as the documentation states it (one H for key and value); the math
/// implementation alone would also take Hk != Hv when both divide Hq.
template <class D>
ShapeResult<D> scaled_dot_product_attention(const Shape<D>& query, const Shape<D>& key,
                                            const Shape<D>& value,
                                            const std::optional<Shape<D>>& attn_mask,
                                            bool enable_gqa);

}  // namespace kvcheck::shape
