// config_check: `kvcheck check` on real attention configs: every property with the config's
// own head counts and head_dim, the symbolic proof, cache memory figures and latent findings.
// The result is one in-memory value that every report writer reads.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/check/verdict.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::check {

/// KV cache memory of one model in its dtype.
struct CacheMemory {
  std::string dtype;
  std::int64_t bytes_per_token_per_layer = 0;  ///< 2 * n_kv_heads * head_dim * bytes
  std::int64_t bytes_per_token = 0;            ///< times n_layers
  std::int64_t max_positions = 0;              ///< max_seq_len (max_position_embeddings)
  std::int64_t bytes_at_max_positions = 0;     ///< one sequence filled to max_positions
  /// What the same cache costs when kv heads are repeated before caching (group x).
  std::int64_t repeated_bytes_at_max_positions = 0;
  std::int64_t group = 1;
};

/// A config that passes only because of its head counts: the implementation breaks a
/// property for other configurations (e.g. an MHA model and code that fails once
/// n_kv_heads < n_heads).
struct LatentFinding {
  std::string property;
  std::string condition;  ///< "fails whenever group >= 2", from the proof or the search
  std::string smallest;   ///< config spec of the smallest configuration where it fails
  std::string message;    ///< one line
};

/// Everything kvcheck found about one config file.
struct ConfigResult {
  io::LoadedConfig loaded;
  std::string variant;  ///< catalog name, or "custom" for an implementation block
  model::Implementation impl;
  std::vector<Verdict> verdicts;  ///< one per property, registry order
  std::vector<LatentFinding> latent;
  CacheMemory memory;

  int failures() const;
};

/// What `kvcheck check` ran and found.
struct CheckRun {
  std::vector<ConfigResult> configs;
  SearchParams params;
  std::string variant_flag;  ///< --variant, empty when each file (or `fixed`) decides

  int failures() const;
  int latent_findings() const;
  /// 0 all hold; 1 a property fails (or, when strict, a latent finding).
  int exit_code(bool strict) const;
};

/// Options of `kvcheck check`.
struct CheckOptions {
  std::vector<std::string> paths;  ///< files or folders
  std::string variant;             ///< overrides every file's implementation when set
  SearchParams params;             ///< seed and cases; bounds of the run sizes
};

/// The run sizes generated around a model's fixed head counts and head_dim: batch,
/// prompt_len, decode_steps, spare cache slots, chunking and a small hidden size (hidden
/// does not change how heads group, and the real one would make every case slow).
rc::Gen<model::AttentionConfig> gen_runs_of(const model::AttentionConfig& model_config,
                                            const ConfigBounds& bounds);

/// Cache memory of `config` (its dtype, layers and max_seq_len).
CacheMemory cache_memory(const model::AttentionConfig& config);

/// Reads every config (InputError on the first unreadable one, before any checking) and
/// checks each with its implementation.
CheckRun run_check(const CheckOptions& options);

}  // namespace kvcheck::check
