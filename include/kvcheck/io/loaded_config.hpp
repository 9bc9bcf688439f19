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
  /// "kvcheck", "huggingface" or "lingua".
  std::string format;
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
