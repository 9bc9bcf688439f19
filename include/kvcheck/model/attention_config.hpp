// AttentionConfig: the sizes of one attention layer and of the run that exercises it
// (batch, prompt, decode steps, cache capacity), as a user's config or a generator gives them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/base/result.hpp"
#include "kvcheck/sym/assignment.hpp"

namespace kvcheck::model {

/// Element type of the cache and activations, for memory figures and numeric precision.
enum class Dtype { kFloat32, kFloat16, kBFloat16, kFloat64 };

/// Bytes per element of `d`.
std::int64_t dtype_bytes(Dtype d);
/// PyTorch's spelling: "float32", "float16", "bfloat16", "float64".
std::string dtype_name(Dtype d);
/// Parses PyTorch's spellings (also "fp32", "fp16", "bf16", "half", "float", "double").
std::optional<Dtype> parse_dtype(const std::string& s);

/// One attention layer and the run that exercises it.
struct AttentionConfig {
  std::string name = "config";
  std::int64_t batch = 1;
  std::int64_t n_heads = 4;
  std::int64_t n_kv_heads = 2;
  std::int64_t head_dim = 4;
  std::int64_t hidden = 16;
  std::int64_t prompt_len = 3;
  std::int64_t decode_steps = 2;
  /// Cache capacity in tokens (the buffer's sequence length).
  std::int64_t max_seq_len = 5;
  Dtype dtype = Dtype::kFloat32;
  /// Prefill in chunks of this many tokens instead of all at once.
  std::optional<std::int64_t> prefill_chunk;
  /// Only for memory figures: layers in the model.
  std::int64_t n_layers = 1;

  /// n_heads / n_kv_heads; valid only after `validate` succeeded.
  std::int64_t group() const { return n_heads / n_kv_heads; }
  std::int64_t total_tokens() const { return prompt_len + decode_steps; }

  /// The first violated constraint as a sentence naming the field, or nothing.
  /// Sizes are positive (decode_steps may be 0), n_heads is a multiple of n_kv_heads.
  /// Capacity (max_seq_len < prompt_len + decode_steps) is not checked here: writing past
  /// the cache is a finding of the run, not a malformed config.
  std::optional<std::string> validate() const;

  /// The configuration symbols' values: batch, prompt_len, decode_steps, n_kv_heads, group,
  /// head_dim, hidden, max_seq_len, and cache_spare when the cache holds the whole run.
  sym::Assignment assignment() const;

  /// "n_heads=4 n_kv_heads=2 head_dim=4 batch=1 prompt_len=3 decode_steps=2 max_seq_len=5".
  std::string summary() const;

  friend bool operator==(const AttentionConfig&, const AttentionConfig&) = default;
};

}  // namespace kvcheck::model
