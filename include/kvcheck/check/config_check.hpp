// config_check: `kvcheck check` on real attention configs: every property with the config's
// own head counts and head_dim, the symbolic proof, cache memory figures and latent findings.
// The result is one in-memory value that every report writer reads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/check/cache_memory.hpp"
#include "kvcheck/check/case_budget.hpp"
#include "kvcheck/check/verdict.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::check {

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
  /// Set when the model's cases ran at reduced sizes (check/case_budget).
  std::optional<ReducedSizes> reduced;

  int failures() const;
};

/// A file met in a folder that holds nothing to check, and why.
struct SkippedFile {
  std::string path;
  bool not_model_config = true;  ///< else: a model without a KV cache
  std::string message;           ///< the one-line reason, as it would be reported named
};

/// What `kvcheck check` ran and found.
struct CheckRun {
  std::vector<ConfigResult> configs;
  std::vector<SkippedFile> skipped;
  SearchParams params;
  std::string variant_flag;  ///< --variant, empty when each file (or `fixed`) decides

  int failures() const;
  int latent_findings() const;
  /// Properties a case could not run for (out of memory): neither holding nor failing.
  int not_checked() const;
  /// 0 all hold; 1 a property fails or could not be checked (or, when strict, a latent
  /// finding).
  int exit_code(bool strict) const;
};

/// Options of `kvcheck check`.
struct CheckOptions {
  std::vector<std::string> paths;  ///< files or folders
  std::string variant;             ///< overrides every file's implementation when set
  SearchParams params;             ///< seed and cases; bounds of the run sizes
  MemoryOptions memory;            ///< --batch, --context, --kv-dtype
  /// Called after each config is checked with (checked, total); may be empty.
  std::function<void(std::size_t, std::size_t)> progress;
};

/// The run sizes generated around a model's fixed head counts and head_dim: batch,
/// prompt_len, decode_steps, spare cache slots, chunking and a small hidden size (hidden
/// does not change how heads group, and the real one would make every case slow).
rc::Gen<model::AttentionConfig> gen_runs_of(const model::AttentionConfig& model_config,
                                            const ConfigBounds& bounds);

/// Reads every config (InputError on the first unreadable one, before any checking) and
/// checks each with its implementation. Files met in folders that hold nothing to check
/// (NotCheckable) are skipped and listed; named on the command line they are errors.
CheckRun run_check(const CheckOptions& options);

}  // namespace kvcheck::check
