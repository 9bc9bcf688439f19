// LoadedConfig: what a config reader hands back, the model's sizes plus where each came from,
// so that reports can point at the exact line of the user's file.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::io {

/// One config file, read. A file describes a model (head counts, head_dim, hidden, cache
/// capacity, dtype, layers); run sizes it does not give keep AttentionConfig's defaults.
struct LoadedConfig {
  model::AttentionConfig config;
  /// The implementation the file describes (kvcheck files only).
  std::optional<model::Implementation> impl;
  /// The catalog variant the file names, when it names one.
  std::optional<std::string> variant;
  /// "kvcheck", "huggingface", "meta", "lingua", "gpt-neox", "olmo", "llm-foundry", "nanotron"
  /// or "litgpt".
  std::string format;
  /// The model family the sizes were read as ("llama", "falcon", "chatglm"; for a Hugging Face
  /// model_type kvcheck has no entry for, that model_type).
  std::string family;
  /// Layers in the model; config.n_layers counts only those that attend (and cache).
  std::int64_t model_layers = 1;
  /// The context length the file configures, when it gives one (or its family documents a
  /// default); config.max_seq_len then equals it.
  std::optional<std::int64_t> context;
  /// Sliding-window attention: the window in tokens and how many attention layers use it.
  /// Those layers cache at most `window` tokens however long the sequence.
  std::optional<std::int64_t> window;
  std::int64_t window_layers = 0;
  /// Multi-head latent attention: elements cached per token and layer (kv_lora_rank +
  /// qk_rope_head_dim), in place of 2 * n_kv_heads * head_dim.
  std::optional<std::int64_t> latent_width;
  /// The path as given to load_config.
  std::string path;
  /// Canonical field name (AttentionConfig's and the implementation block's: "n_heads",
  /// "n_kv_heads", "head_dim", "hidden", "max_seq_len", "n_layers", "dtype", "name", "batch",
  /// "prompt_len", "decode_steps", "prefill_chunk", "variant", "cache_heads", "order", "repeat",
  /// "mask_unwritten", "rope", "layout", "attention") -> 1-based line of the key that set it.
  /// Fields the file does not set (defaults, derived values) have no entry.
  std::map<std::string, int> key_lines;
  /// Canonical field name -> the key as the file spells it, dotted from the top level
  /// (e.g. "n_kv_heads" -> "text_config.num_key_value_heads"), for messages.
  std::map<std::string, std::string> source_keys;
  /// One sentence per default or derivation applied, in the order applied, e.g.
  /// "num_key_value_heads absent: taken as num_attention_heads (MHA)".
  std::vector<std::string> notes;
};

}  // namespace kvcheck::io
