// cache_memory: what a model's KV cache costs, the figures people use a "KV cache calculator"
// for: per token and layer, per token over the attention layers, per sequence at the context
// length (sliding-window layers capped at their window), and for a batch.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/io/loaded_config.hpp"
#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::check {

/// The element type the cache is priced in: the model's dtype, or a quantized cache's.
struct KvDtype {
  std::string name;  ///< "bfloat16", "fp8", "int4", ...
  int bits = 16;
};

/// fp8 (also fp8_e4m3, fp8_e5m2), int8, int4, and PyTorch's float spellings; nullopt for
/// anything else.
std::optional<KvDtype> parse_kv_dtype(const std::string& text);
/// The accepted spellings, for messages and --help.
std::string kv_dtype_names();

/// Figures asked for on the command line, beside what the file gives.
struct MemoryOptions {
  std::int64_t batch = 1;
  std::optional<std::int64_t> context;  ///< tokens per sequence (--context); default the file's
  std::optional<KvDtype> kv_dtype;      ///< --kv-dtype; default the model's dtype
};

struct CacheMemory {
  std::string dtype;  ///< the element type priced
  int bits_per_element = 16;
  /// Multi-head latent attention: a latent per token and layer instead of keys and values.
  bool latent = false;
  std::int64_t elements_per_token_per_layer = 0;  ///< 2 * n_kv_heads * head_dim, or the latent
  std::int64_t bytes_per_token_per_layer = 0;
  std::int64_t attention_layers = 1;
  std::int64_t bytes_per_token = 0;  ///< over every attention layer, before any window caps it
  std::int64_t group = 1;

  /// Tokens per sequence priced, and where the number came from ("max_position_embeddings",
  /// "--context"); unset when neither the file nor the command line gives one.
  std::optional<std::int64_t> context;
  std::string context_from;
  /// Sliding-window layers: their window, and how many of the attention layers use it.
  std::optional<std::int64_t> window;
  std::int64_t window_layers = 0;
  /// One sequence at `context`, windows applied; and without the windows' cap when they cap.
  std::optional<std::int64_t> bytes_per_sequence;
  std::optional<std::int64_t> bytes_per_sequence_uncapped;
  /// What the same sequence costs when kv heads are repeated before caching (group x).
  std::optional<std::int64_t> repeated_bytes_per_sequence;
  std::int64_t batch = 1;
  std::optional<std::int64_t> bytes_per_batch;  ///< batch sequences at `context`

  /// For the demo: one sequence at config.max_seq_len, and repeated before caching.
  std::int64_t max_positions = 0;
  std::int64_t bytes_at_max_positions = 0;
  std::int64_t repeated_bytes_at_max_positions = 0;
};

/// The cache of one layer group of `config` at its max_seq_len (the demo's figures).
CacheMemory cache_memory(const model::AttentionConfig& config);

/// The cache of the model `loaded` describes: its attention layers, window, latent, context
/// and dtype, overridden by `options`. Throws InputError naming the file when a figure would
/// not fit 63 bits (no real model comes near: it is a hostile or mistaken config).
CacheMemory cache_memory(const io::LoadedConfig& loaded, const MemoryOptions& options);

}  // namespace kvcheck::check
