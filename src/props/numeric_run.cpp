// run_cached: a case through the numeric interpreter, one step at a time, collecting outputs.
#include "kvcheck/props/numeric_run.hpp"

#include <algorithm>
#include <cmath>

#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/props/program_cache.hpp"

namespace kvcheck::props {
namespace {

Failure failure_of(const Step& step, const model::Program& program,
                   const interp::StepFailure& f) {
  const auto& ops = f.in_setup ? program.setup : program.step;
  const std::string label = f.in_setup ? "setup" : step.label;
  return Failure{label, interp::OpFailure{f.in_setup, f.op_index, ops.at(f.op_index), f.error},
                 std::nullopt, label + ": " + f.error.message};
}

}  // namespace

CachedRun run_cached(const Case& c, const interp::ModelInputs<double>& inputs,
                     std::optional<std::int64_t> chunk, const Observer& observer) {
  const model::Program& prefill = step_program(c.impl, model::StepKind::kPrefill);
  const model::Program& decode = step_program(c.impl, model::StepKind::kDecode);
  const model::AttentionConfig& config = c.config;

  CachedRun run;
  run.output = Tensor({config.batch, config.total_tokens(), config.hidden});
  interp::NumericInterpreter<double> interpreter(config, inputs);
  const Step setup_step{model::StepKind::kPrefill, 0, 0, "setup"};
  if (auto ok = interpreter.setup(prefill, config.assignment()); !ok) {
    run.failure = failure_of(setup_step, prefill, ok.error());
    return run;
  }

  for (const Step& step : run_steps(config, chunk)) {
    const model::Program& program = step.kind == model::StepKind::kPrefill ? prefill : decode;
    if (observer) {
      interpreter.set_observer(
          [&](const model::Op& op, Tensor& value) { observer(step, op, value); });
    }
    auto out = interpreter.step(program, step_assignment(config, step));
    if (!out) {
      run.failure = failure_of(step, program, out.error());
      return run;
    }
    const Tensor& y = out.value();
    for (std::int64_t b = 0; b < config.batch; ++b) {
      for (std::int64_t i = 0; i < step.len; ++i) {
        for (std::int64_t k = 0; k < config.hidden; ++k) run.output(b, step.pos + i, k) = y(b, i, k);
      }
    }
    run.tokens = step.pos + step.len;
  }
  for (const std::string& name : prefill.caches) {
    if (const Tensor* buffer = interpreter.cache(name)) run.caches.emplace(name, *buffer);
  }
  return run;
}

double tolerance_for(const Tensor& expected) {
  const double scale = expected.numel() == 0 ? 0.0 : expected.data().cwiseAbs().maxCoeff();
  return 1e-9 * std::max(1.0, scale);
}

std::optional<NumericDiff> compare_outputs(const Tensor& expected, const Tensor& actual,
                                           std::int64_t tokens, double tol) {
  std::optional<NumericDiff> worst;
  for (std::int64_t b = 0; b < expected.dim(0); ++b) {
    for (std::int64_t t = 0; t < tokens; ++t) {
      for (std::int64_t k = 0; k < expected.dim(2); ++k) {
        const double e = expected(b, t, k);
        const double a = actual(b, t, k);
        const double gap = std::abs(e - a);
        // NaN never compares greater, so test "not within" to catch it too.
        if (gap <= tol) continue;
        const double reported = std::isnan(gap) ? INFINITY : gap;
        if (!worst || reported > worst->max_abs_error) {
          worst = NumericDiff{reported, tol, b, t, -1, k, e, a};
        }
      }
    }
  }
  return worst;
}

std::optional<Failure> output_mismatch(const model::AttentionConfig& config,
                                       const Tensor& expected, const Tensor& actual,
                                       std::int64_t tokens, const std::string& what) {
  auto diff = compare_outputs(expected, actual, tokens, tolerance_for(expected));
  if (!diff) return std::nullopt;
  Failure f;
  f.step = step_of_position(config, config.prefill_chunk, diff->position);
  f.diff = diff;
  f.message = f.step + ": " + what + " at position " + std::to_string(diff->position) + " by " +
              std::to_string(diff->max_abs_error);
  return f;
}

std::string step_of_position(const model::AttentionConfig& config,
                             std::optional<std::int64_t> chunk, std::int64_t position) {
  for (const Step& step : run_steps(config, chunk)) {
    if (position >= step.pos && position < step.pos + step.len) return step.label;
  }
  return "";
}

}  // namespace kvcheck::props
