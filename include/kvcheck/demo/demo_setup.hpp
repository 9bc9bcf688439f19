// The demo's inputs: the flags of `kvcheck demo` (or a model config file) turned into one
// small configuration to walk through and one real model for the memory figures.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::demo {

/// What the user asked for. Unset sizes come from the config file, else from the defaults:
/// 4 query heads, 2 kv heads, head_dim 4, prompt 3, decode 2.
struct DemoOptions {
  std::optional<std::int64_t> n_heads;
  std::optional<std::int64_t> n_kv_heads;
  std::optional<std::int64_t> head_dim;
  std::optional<std::int64_t> prompt_len;
  std::optional<std::int64_t> decode_steps;
  std::string config_path;  ///< --config; empty for none
};

/// Largest values the walkthrough accepts: beyond them its grids stop fitting a screen.
inline constexpr std::int64_t kMaxDemoHeads = 128;
inline constexpr std::int64_t kMaxDemoHeadDim = 1024;
inline constexpr std::int64_t kMaxDemoPrompt = 8;
inline constexpr std::int64_t kMaxDemoDecode = 4;

/// Everything the walkthrough is built from.
struct DemoSetup {
  /// The run the walkthrough interprets: batch 1, a short prompt, the cache exactly full.
  model::AttentionConfig config;
  const model::Variant* fixed = nullptr;  ///< the catalog's `fixed`
  const model::Variant* wrong = nullptr;  ///< the variant compared with it
  /// The model whose real cache size is shown: the config file's, else Llama-3-8B.
  model::AttentionConfig real_model;
  /// Where real_model's figures come from, one phrase.
  std::string real_model_source;
  /// One sentence per value the demo changed from the file (run sizes made small).
  std::vector<std::string> notes;
};

/// Llama-3-8B's published attention sizes: 32 layers, 32 query heads, 8 kv heads,
/// head_dim 128, hidden 4096, 8192 positions, bfloat16.
model::AttentionConfig llama_3_8b();

/// Checks the flags, reads --config (io::load_config) and builds the setup. A zero or
/// negative size, a size past the limits above, or n_heads not a multiple of n_kv_heads
/// raises kvcheck::InputError naming the flag (or the file, for values read from it).
DemoSetup resolve_demo(const DemoOptions& options, const model::Variant& wrong);

}  // namespace kvcheck::demo
