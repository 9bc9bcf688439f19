// Position proofs: which token each cache slot holds, the RoPE position it was rotated with,
// and which (query, key slot) pairs the mask admits, as affine integer sets decided by isl
// for every prompt length, decode step, cache length and chunking.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/implementation.hpp"
#include "kvcheck/sym/assignment.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::props {

/// Which runs a property looks at.
enum class PositionClaim {
  /// Every query of prefill (whole or chunked) and every decode step attends exactly to the
  /// written tokens at or before its own, each once, with RoPE positions whose difference
  /// is the token distance (output-equivalence, mha-reduction).
  kReferenceAttention,
  /// Prefill only (decode_steps = 0): no query admits an unwritten (zero) slot, which would
  /// dilute the values of its kv head (head-mapping).
  kNoZeroSlotInPrefill,
  /// Chunked prefill and prefill at once give every query the same attended keys, RoPE
  /// distances and zero slots, and leave the same cache (chunked-prefill).
  kChunkedEqualsWhole,
};

/// The outcome of one position claim.
struct PositionVerdict {
  sym::Truth truth = sym::Truth::kUnknown;
  /// Obligations discharged for every configuration, one line each.
  std::vector<std::string> steps;
  /// For kRefuted: the failing obligation in words, the op it is about, when it fails, the
  /// smallest configuration (prompt_len, decode_steps, head_dim, cache_spare, chunk_len) and
  /// the query token / key slot that go wrong there.
  std::string obligation;
  std::string op_pseudo;
  std::string condition;
  std::optional<sym::Assignment> smallest;
  std::string where;
  std::string reason;  ///< for kUnknown
};

/// Decides `claim` for `impl` over every run. Memoised by the step facts (what the mask and
/// RoPE choices make of the program), which are all a verdict depends on.
PositionVerdict prove_positions(const model::Implementation& impl, PositionClaim claim);

/// Empties the memo, so that benchmarks can measure the decisions themselves.
void forget_position_proofs();

}  // namespace kvcheck::props
