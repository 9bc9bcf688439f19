// run_cached: a case through the numeric interpreter, one step at a time, collecting outputs.
#include "kvcheck/props/numeric_run.hpp"

#include <algorithm>
#include <cmath>

#include "kvcheck/interp/fused_engine.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/props/program_cache.hpp"

namespace kvcheck::props {
namespace {

Failure failure_of(const Step& step, const model::Program& program, const interp::StepFailure& f) {
  const auto& ops = f.in_setup ? program.setup : program.step;
  const std::string label = f.in_setup ? "setup" : step.label;
  return Failure{label, interp::OpFailure{f.in_setup, f.op_index, ops.at(f.op_index), f.error},
                 std::nullopt, label + ": " + f.error.message};
}

/// Copies a step's output [batch, len, hidden] into the run's rows pos .. pos + len - 1.
void place(Tensor& output, const Tensor& y, std::int64_t pos) {
  const std::int64_t len = y.dim(1);
  const std::int64_t row = y.dim(2);
  for (std::int64_t b = 0; b < y.dim(0); ++b) {
    output.data().segment((b * output.dim(1) + pos) * row, len * row) =
        y.data().segment(b * len * row, len * row);
  }
}

/// A step's output as either engine returns it.
const Tensor& output_of(const Tensor* y) {
  return *y;
}
const Tensor& output_of(const Tensor& y) {
  return y;
}

/// The run through `Engine` (FusedEngine, or NumericInterpreter when an observer must see
/// every op): setup, then each step, stopping at the first finding.
template <class Engine>
CachedRun run_with(Engine& engine, const Case& c, std::optional<std::int64_t> chunk,
                   const std::function<void(const Step&)>& before_step) {
  const model::Program& prefill = step_program(c.impl, model::StepKind::kPrefill);
  const model::Program& decode = step_program(c.impl, model::StepKind::kDecode);
  const model::AttentionConfig& config = c.config;
  CachedRun run;
  run.output = Tensor({config.batch, config.total_tokens(), config.hidden});
  const Step setup_step{model::StepKind::kPrefill, 0, 0, "setup"};
  if (auto ok = engine.setup(prefill, config.assignment()); !ok) {
    run.failure = failure_of(setup_step, prefill, ok.error());
    return run;
  }
  for (const Step& step : run_steps(config, chunk)) {
    const model::Program& program = step.kind == model::StepKind::kPrefill ? prefill : decode;
    if (before_step) before_step(step);
    auto out = engine.step(program, step_assignment(config, step));
    if (!out) {
      run.failure = failure_of(step, program, out.error());
      return run;
    }
    place(run.output, output_of(out.value()), step.pos);
    run.tokens = step.pos + step.len;
  }
  for (const std::string& name : prefill.caches) {
    if (const Tensor* buffer = engine.cache(name)) run.caches.emplace(name, *buffer);
  }
  return run;
}

}  // namespace

CachedRun run_cached(const Case& c, const interp::ModelInputs<double>& inputs,
                     std::optional<std::int64_t> chunk, const Observer& observer) {
  if (!observer) {
    // The fused engine: it agrees with the interpreter within 1e-12 relative
    // (tests/interp/fused_engine_test.cpp), far inside the properties' 1e-9.
    // One engine per thread for every case: its compiled programs and buffers carry over.
    thread_local std::optional<interp::FusedEngine<double>> engine;
    if (engine) {
      engine->rebind(c.config, inputs);
    } else {
      engine.emplace(c.config, inputs);
    }
    return run_with(*engine, c, chunk, {});
  }
  interp::NumericInterpreter<double> interpreter(c.config, inputs);
  return run_with(interpreter, c, chunk, [&](const Step& step) {
    interpreter.set_observer(
        [&observer, step](const model::Op& op, Tensor& value) { observer(step, op, value); });
  });
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

std::optional<Failure> output_mismatch(const model::AttentionConfig& config, const Tensor& expected,
                                       const Tensor& actual, std::int64_t tokens,
                                       const std::string& what) {
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
