// case_budget: the sizes a model's numeric cases run at. Every case computes through all of
// the model's heads, so a config with a billion heads (or head_dim 10^6) would need
// gigabytes per case; such a model is checked at smaller sizes that keep what the
// properties are about: the group (which query heads share a kv head), at least two kv heads
// where the model has them (so tiling and interleaving differ), and head_dim's parity (RoPE
// rotates pairs).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::check {

/// Largest n_heads x head_dim a model's cases run at unreduced. Every published model is far
/// below (128 heads of 192 is 24576); each case's largest tensor holds at most 16x this
/// many elements at check's run sizes, 8 MiB in float64.
inline constexpr std::int64_t kMaxCaseHeadElements = std::int64_t{1} << 16;

/// What a reduced model keeps per case: n_heads x head_dim at most this.
inline constexpr std::int64_t kReducedHeadElements = std::int64_t{1} << 12;

/// The sizes a model was checked at, when they are not its own.
struct ReducedSizes {
  std::int64_t n_heads = 0;
  std::int64_t n_kv_heads = 0;
  std::int64_t head_dim = 0;
  bool group_kept = true;  ///< false only when the group alone is over the budget
  std::string note;        ///< one line: what was reduced from what, and why
};

/// nullopt when `model` fits kMaxCaseHeadElements; else the reduced sizes.
std::optional<ReducedSizes> reduce_for_budget(const model::AttentionConfig& model);

/// `model` with the reduced head counts and head_dim.
model::AttentionConfig with_sizes(model::AttentionConfig model, const ReducedSizes& sizes);

}  // namespace kvcheck::check
