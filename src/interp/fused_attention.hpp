// Fused causal attention: softmax(q k^T * scale, masked) @ v for every (batch, query head) in
// row blocks, with an online softmax, so the [len, keys] score matrix is never formed and key
// blocks every query of a block is masked from are never computed. Private to the engine.
#pragma once

#include <cstdint>
#include <optional>

namespace kvcheck::interp::fused {

/// A [batch, positions, heads, features] tensor read through strides (in elements), so the
/// kernel reads cache buffers of either layout, and q, in place.
template <class S>
struct StridedHeads {
  const S* data = nullptr;
  std::int64_t batch_stride = 0;
  std::int64_t position_stride = 0;
  std::int64_t head_stride = 0;
  std::int64_t heads = 0;  ///< heads the tensor holds
};

/// Which keys query i of the step sees.
struct Visibility {
  bool causal = true;      ///< key j hidden from query i when j > start + i
  std::int64_t start = 0;  ///< the step's first position
  /// With a padded mask, keys from here on are visible again (the unwritten slots the mask
  /// was padded over with zeros); nullopt when the mask hides them like any future key.
  std::optional<std::int64_t> admit_from;

  bool visible(std::int64_t i, std::int64_t j) const {
    return !causal || j <= start + i || (admit_from && j >= *admit_from);
  }
  /// Whether query i sees every key of [first, last]: the keys it does not see are those
  /// after start + i and before admit_from.
  bool sees_all(std::int64_t i, std::int64_t first, std::int64_t last) const {
    return !causal || last <= start + i || (admit_from && first >= *admit_from) ||
           (admit_from && *admit_from <= start + i + 1);
  }
  /// Whether query i sees none of the keys [first, last].
  bool sees_none(std::int64_t i, std::int64_t first, std::int64_t last) const {
    return causal && first > start + i && (!admit_from || last < *admit_from);
  }
};

/// Which kv head query head h reads: h / (query heads per kv head of the operand) as
/// enable_gqa or a broadcast of one head pairs them, then / `interleave` as repeat_interleave
/// maps a repeated head back to the head it copies.
struct HeadMap {
  std::int64_t query_heads = 1;
  std::int64_t operand_heads = 1;  ///< heads of k / v as attention sees them (after repeats)
  std::int64_t interleave = 1;     ///< repeat_interleave count applied after the read

  std::int64_t kv_head(std::int64_t h) const {
    const std::int64_t operand = operand_heads == query_heads ? h
                                 : operand_heads == 1         ? 0
                                                              : h / (query_heads / operand_heads);
    return operand / interleave;
  }
};

/// The whole attention of one step.
template <class S>
struct AttentionArgs {
  StridedHeads<S> q;  ///< [batch, len, query heads, head_dim]
  StridedHeads<S> k;  ///< [batch, keys, kv heads, head_dim]
  StridedHeads<S> v;  ///< [batch, keys, kv heads, value_dim]
  std::int64_t batch = 0, len = 0, keys = 0, head_dim = 0, value_dim = 0;
  HeadMap heads;
  Visibility visibility;
  S scale = S(1);
  /// Written as [batch, len, query heads, value_dim], contiguous: attn.transpose(1, 2).
  S* out = nullptr;
};

/// Runs the attention on every numeric thread. A query that sees no key gets NaN, as
/// PyTorch's softmax of a row of -inf gives; with no keys at all the output is zero, as
/// matmul over an empty dim gives.
template <class S>
void attention(const AttentionArgs<S>& args);

}  // namespace kvcheck::interp::fused
