// run_lockstep: each phase (setup, then every step) on both sides, then op-by-op comparison.
#include "lockstep_run.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/model/program.hpp"
#include "kvcheck/props/steps.hpp"
#include "torch_program.hpp"
#include "torch_tensors.hpp"

namespace kvcheck::torch_test {
namespace {

using Interpreter = interp::NumericInterpreter<double>;

/// The setup or one step: which ops run, under which symbol values.
struct Phase {
  std::string label;
  const model::Program& program;
  bool in_setup = false;
  sym::Assignment env;
};

std::string first_line(const std::string& message) {
  return message.substr(0, message.find('\n'));
}

/// kvcheck's run of the phase: the value of every op that ran, and the failure that stopped
/// it, if any (its op_index is then the number of values).
struct InterpretedPhase {
  std::vector<interp::Tensor<double>> values;
  std::optional<interp::StepFailure> failure;
};

InterpretedPhase interpret(const Phase& phase, Interpreter& interpreter) {
  InterpretedPhase out;
  interpreter.set_observer(
      [&](const model::Op&, interp::Tensor<double>& value) { out.values.push_back(value); });
  if (phase.in_setup) {
    auto ran = interpreter.setup(phase.program, phase.env);
    if (!ran) out.failure = ran.error();
  } else {
    auto ran = interpreter.step(phase.program, phase.env);
    if (!ran) out.failure = ran.error();
  }
  return out;
}

/// Runs the phase on both sides; false when the run stops here (a mismatch, or a shape error
/// both sides raised at the same op).
bool run_phase(const Phase& phase, Interpreter& interpreter, TorchProgram& torch,
               LockstepResult& result) {
  const InterpretedPhase kvcheck = interpret(phase, interpreter);
  const std::vector<model::Op>& ops = phase.in_setup ? phase.program.setup : phase.program.step;
  if (phase.in_setup) {
    torch.forget_all();
  } else {
    torch.forget_all_but(phase.program.caches);
  }
  const interp::DimEval<std::int64_t> eval = interp::concrete_eval(phase.env);

  for (std::size_t i = 0; i < ops.size(); ++i) {
    const model::Op& op = ops[i];
    const std::string where = phase.label + ", op " + std::to_string(i) + " '" + op.pseudo + "'";
    const at::Tensor* value = nullptr;
    std::optional<std::string> torch_error;
    try {
      value = &torch.run(op, phase.program, eval);
    } catch (const c10::Error& e) {
      torch_error = first_line(e.what_without_backtrace());
    } catch (const std::runtime_error& e) {
      // libtorch 1.13's size inference (view, reshape) raises this instead of c10::Error.
      torch_error = first_line(e.what());
    }

    if (kvcheck.failure && kvcheck.failure->op_index == i) {
      if (torch_error) {
        result.shape_error = where + ": " + kvcheck.failure->error.message;
      } else {
        result.mismatch = where + ": kvcheck refuses it (" + kvcheck.failure->error.message +
                          ") but libtorch runs it, giving " + sizes_text(*value);
      }
      return false;
    }
    const interp::Tensor<double>& expected = kvcheck.values.at(i);
    if (torch_error) {
      result.mismatch = where + ": kvcheck computes " + expected.shape_string() +
                        " but libtorch raises: " + *torch_error;
      return false;
    }
    const TensorGap gap = compare(expected, *value);
    if (!gap.within_tolerance()) {
      result.mismatch = where + ": kvcheck " + expected.shape_string() + ", libtorch " +
                        sizes_text(*value) + ": " + gap.describe();
      return false;
    }
    ++result.ops_compared;
    result.worst_relative_gap = std::max(result.worst_relative_gap, gap.max_abs_diff / gap.scale);
  }
  return true;
}

}  // namespace

LockstepResult run_lockstep(const model::Implementation& impl, const model::AttentionConfig& config,
                            std::uint64_t seed) {
  const model::Program prefill =
      model::build_program(impl, model::symbolic_step(model::StepKind::kPrefill));
  const model::Program decode =
      model::build_program(impl, model::symbolic_step(model::StepKind::kDecode));
  const interp::ModelInputs<double> inputs = interp::make_inputs<double>(config, seed);
  Interpreter interpreter(config, inputs);
  TorchProgram torch(config, inputs);

  LockstepResult result;
  if (!run_phase({"setup", prefill, true, config.assignment()}, interpreter, torch, result)) {
    return result;
  }
  for (const props::Step& step : props::run_steps(config, config.prefill_chunk)) {
    const model::Program& program = step.kind == model::StepKind::kPrefill ? prefill : decode;
    const Phase phase{step.label, program, false, props::step_assignment(config, step)};
    if (!run_phase(phase, interpreter, torch, result)) return result;
  }
  return result;
}

}  // namespace kvcheck::torch_test
