// One case run twice, side by side: through kvcheck's numeric interpreter and through the
// same program translated into libtorch, compared after every op of every step.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::torch_test {

/// How the two runs of a case compared.
struct LockstepResult {
  /// The first disagreement, described ("decode 1, op 14 'scores = ...': ..."); nullopt when
  /// every op agreed and any shape error was raised by both at the same op.
  std::optional<std::string> mismatch;
  /// kvcheck's shape error (a StepFailure) that libtorch also raised, at the same op.
  std::optional<std::string> shape_error;
  int ops_compared = 0;
  /// The largest max |kvcheck - libtorch| / scale over the ops compared.
  double worst_relative_gap = 0;
};

/// Runs setup, then every step of `config` (prefill in chunks of config.prefill_chunk when
/// set, then the decode steps) of `impl`'s programs on interp::make_inputs(config, seed).
LockstepResult run_lockstep(const model::Implementation& impl, const model::AttentionConfig& config,
                            std::uint64_t seed);

}  // namespace kvcheck::torch_test
