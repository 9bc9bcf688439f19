// shape-safety: prefill and every decode step run without a shape error.
#include "kvcheck/props/properties/shape_safety.hpp"

#include "kvcheck/props/program_cache.hpp"
#include "kvcheck/props/steps.hpp"
#include "kvcheck/props/output_proof.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {

std::string ShapeSafety::id() const { return "shape-safety"; }

std::string ShapeSafety::description() const {
  return "Prefill and every decode step run without a shape error: every op's operands fit "
         "its PyTorch shape rule, including the cache write (index_copy_) and the attention.";
}

std::optional<Failure> ShapeSafety::check(const Case& c) const {
  return first_shape_failure(c.config, c.impl, c.config.prefill_chunk);
}

std::optional<Proof> ShapeSafety::prove(const model::Implementation& impl) const {
  return prove_shapes(impl);
}

std::optional<Proof> ShapeSafety::prove_for(const model::Implementation& impl,
                                            const HeadCounts& heads) const {
  ShapeScope scope;
  scope.fixed = model_heads(heads);
  return with_fixed(prove_shapes(impl, scope), scope.fixed);
}

std::optional<Failure> first_shape_failure(const model::AttentionConfig& config,
                                           const model::Implementation& impl,
                                           std::optional<std::int64_t> chunk) {
  const std::vector<Step> steps = run_steps(config, chunk);
  const model::Program& prefill = step_program(impl, model::StepKind::kPrefill);
  const model::Program& decode = step_program(impl, model::StepKind::kDecode);
  interp::ShapeInterpreter<std::int64_t> run;
  if (auto f = run.setup(prefill, interp::concrete_eval(config.assignment()))) {
    return Failure{"setup", f, std::nullopt, "setup: " + f->error.message};
  }
  for (const Step& step : steps) {
    const model::Program& program = step.kind == model::StepKind::kPrefill ? prefill : decode;
    if (auto f = run.step(program, interp::concrete_eval(step_assignment(config, step)))) {
      return Failure{step.label, f, std::nullopt, step.label + ": " + f->error.message};
    }
  }
  return std::nullopt;
}

}  // namespace kvcheck::props
