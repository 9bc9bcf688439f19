// Lane: one implementation run through the demo's steps by both shape interpreters, op by
// op, with the cache buffer's fill after each step. Two lanes side by side are the demo.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::demo {

/// One op of one step, as both interpreters saw it.
struct OpRow {
  std::string pseudo;    ///< the line of code, e.g. "xk = self.wk(x)"
  std::string torch_op;  ///< e.g. "index_copy_"
  /// Shape in symbols (for every configuration), e.g. "[batch, prompt_len, n_kv_heads,
  /// head_dim]"; empty when the symbolic run stopped before this op.
  std::string symbolic;
  /// When this op's rule fails for some configuration: the condition, e.g. "group >= 2".
  std::string symbolic_failure;
  /// Shape in numbers for the demo's config, e.g. "[1, 3, 2, 4]"; empty when not reached.
  std::string concrete;
  /// When this op's rule fails for the demo's config: the one-line error.
  std::string concrete_failure;
};

/// The first cache buffer (cache_k; cache_v fills alike) after one step.
struct CacheFill {
  std::string name;            ///< "cache_k"
  std::string symbolic;        ///< its shape in symbols
  std::string concrete;        ///< its shape in numbers
  bool kv_sized = true;        ///< one row per kv head (else one per query head)
  std::int64_t heads = 0;      ///< rows
  std::int64_t positions = 0;  ///< columns
  /// Per position: the index (into Lane::steps) of the step that wrote it, or -1.
  std::vector<int> written_by;
};

/// One step of a run: the setup (cache allocation), the prefill, or one decode step.
struct LaneStep {
  std::string label;     ///< "setup", "prefill", "decode 1"
  std::int64_t pos = 0;  ///< first position the step writes
  std::int64_t len = 0;  ///< tokens it feeds (0 for setup)
  bool reached = true;   ///< false once an earlier step failed: a real run has stopped
  std::vector<OpRow> ops;
  std::optional<std::size_t> failed_op;  ///< the op whose rule fails for the demo's config
  CacheFill cache;                       ///< after the step (unchanged when it failed)
};

/// One implementation through every step.
struct Lane {
  const model::Variant* variant = nullptr;
  std::vector<LaneStep> steps;  ///< setup first, then props::run_steps order

  /// The step and op where the run stopped, if it did.
  std::optional<std::pair<std::size_t, std::size_t>> failure() const;
};

/// Runs `variant` on `config` (no prefill chunking) through ShapeInterpreter<sym::Dim> and
/// ShapeInterpreter<int64_t>. Symbolic shapes use the prover's steps and are printed with
/// max_seq_len for the cache length and pos for a decode step's position.
Lane run_lane(const model::Variant& variant, const model::AttentionConfig& config);

}  // namespace kvcheck::demo
