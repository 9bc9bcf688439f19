// Numeric runs of a case: the cached, step-by-step forward through the program's numeric
// interpreter, and comparisons against other outputs.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/props/steps.hpp"

namespace kvcheck::props {

using Tensor = interp::Tensor<double>;

/// Sees (and may change) every value an op defines, with the step it belongs to.
using Observer = std::function<void(const Step&, const model::Op&, Tensor&)>;

/// The outcome of running every step of a case through the cache.
struct CachedRun {
  std::optional<Failure> failure;  ///< the first shape error, with its step
  Tensor output;                   ///< [batch, tokens, hidden]: outputs of the steps that ran
  std::int64_t tokens = 0;         ///< positions with an output
  std::map<std::string, Tensor> caches;  ///< the buffers after the last step
};

/// Runs setup, then every step of `c.config` (prefill in chunks of `chunk` when given).
CachedRun run_cached(const Case& c, const interp::ModelInputs<double>& inputs,
                     std::optional<std::int64_t> chunk, const Observer& observer = {});

/// The absolute tolerance for comparing against `expected`: 1e-9 relative to its largest
/// magnitude (at least 1e-9), far above double rounding over these tiny sums and far below
/// any real difference.
double tolerance_for(const Tensor& expected);

/// Where `actual` differs from `expected` by more than `tol` over the first `tokens`
/// positions of [batch, T, hidden] tensors; nullopt when they agree.
std::optional<NumericDiff> compare_outputs(const Tensor& expected, const Tensor& actual,
                                           std::int64_t tokens, double tol);

/// The failure when the first `tokens` positions of `actual` differ from `expected` beyond
/// tolerance_for(expected): located at the step of the worst position, worded
/// "<step>: <what> at position p by e"; nullopt when they agree.
std::optional<Failure> output_mismatch(const model::AttentionConfig& config,
                                       const Tensor& expected, const Tensor& actual,
                                       std::int64_t tokens, const std::string& what);

/// The step label of sequence position `position` in `config`'s run.
std::string step_of_position(const model::AttentionConfig& config,
                             std::optional<std::int64_t> chunk, std::int64_t position);

}  // namespace kvcheck::props
