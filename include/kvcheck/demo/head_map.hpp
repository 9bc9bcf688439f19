// The head-group map: which kv head each query head reads, measured by running the program
// on numbers, not computed by a formula, so it shows what the code really does.
#pragma once

#include <cstdint>
#include <vector>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::demo {

/// kv_of[h] is the kv head query head h reads.
struct HeadMap {
  model::RepeatKind kind = model::RepeatKind::kInterleave;
  std::int64_t n_kv_heads = 0;
  std::vector<std::int64_t> kv_of;

  /// The query heads that read kv head `kv`, ascending.
  std::vector<std::int64_t> readers(std::int64_t kv) const;
};

/// Runs the prefill of the fixed order with `kind`'s repeat through the numeric
/// interpreter, with kv head j's values set to the constant j + 1, and reads each query
/// head's attention output back (a convex mix of one head's values is that constant).
HeadMap measure_head_map(const model::AttentionConfig& config, model::RepeatKind kind);

}  // namespace kvcheck::demo
