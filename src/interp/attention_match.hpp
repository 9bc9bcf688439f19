// match_attention: finds, in a step's op list, the ops from the cache reads to the flattened
// attention output, when they compute exactly what one fused attention kernel computes.
// Private to the fused engine; anything it does not recognise runs op by op.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/program.hpp"

namespace kvcheck::interp {

/// The ops `first` .. `last` (inclusive) of a step, read as one attention:
///
///   keys, values = cache_k[..., :count], cache_v[..., :count]   (narrow along seq_dim)
///   [keys, values = repeat(keys), repeat(values)]                (along the heads dim)
///   q = q.transpose(1, 2); [keys, values = .transpose(1, 2)]     (BLHD caches)
///   attn = softmax(mask(q @ keys^T * scale)) @ values            (or one sdpa op)
///   out = attn.transpose(1, 2).view(batch, len, -1)
struct AttentionMatch {
  std::size_t first = 0;
  std::size_t last = 0;
  std::string query;       ///< the [batch, len, heads, head_dim] value read as q
  std::string keys_cache;  ///< the buffers read
  std::string values_cache;
  std::string output;        ///< the value the last op defines
  std::int64_t seq_dim = 1;  ///< 1: [batch, seq, heads, d] buffers; 2: [batch, heads, seq, d]
  sym::Dim key_count;        ///< positions read
  const model::Op* repeat = nullptr;  ///< the keys' repeat op, when there is one
  /// The scale (kScale, 1 / sqrt(head_dim)) or sdpa's own (1 / sqrt(q.size(-1))).
  bool sdpa = false;
  bool enable_gqa = false;
  /// The op whose mask applies (kCausalMask or kSdpa with causal), or nullptr: no mask.
  const model::Op* mask = nullptr;
};

/// The attention of `ops` from the first cache read on, or nullopt when the ops there are
/// not exactly that sequence. The matched ops must outlive the result.
std::optional<AttentionMatch> match_attention(const std::vector<model::Op>& ops);

}  // namespace kvcheck::interp
