// One program, three interpreters: the symbolic shape of every op, evaluated at a random
// configuration, equals the concrete shape, which equals the shape of the Eigen tensor the
// numeric interpreter computes; and all three stop at the same op with the same error.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "kvcheck/check/config_gen.hpp"
#include "kvcheck/check/show.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/shape_interpreter.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/steps.hpp"

namespace kvcheck::interp {
namespace {

namespace s = sym::symbols;
using shape::Shape;

Shape<std::int64_t> evaluate(const Shape<sym::Dim>& symbolic, const sym::Assignment& at) {
  Shape<std::int64_t> out;
  for (const sym::Dim& d : symbolic.dims) out.dims.push_back(*d.evaluate(at));
  return out;
}

RC_GTEST_PROP(Interpreters, AgreeOnEveryOpOfEveryStep, ()) {
  const model::AttentionConfig config = *check::gen_config();
  const model::Variant variant = *rc::gen::elementOf(model::variant_catalog());
  const auto steps = props::run_steps(config, config.prefill_chunk);
  const props::Step step = *rc::gen::elementOf(steps);
  RC_TAG(variant.name, step.kind == model::StepKind::kPrefill ? "prefill" : "decode");

  // Symbolic: the cache length as the prover writes it, so capacity is decidable.
  model::StepDims dims = model::symbolic_step(step.kind);
  dims.cache_len = sym::Dim(s::pos()) + sym::Dim(s::chunk_len()) + sym::Dim(s::cache_spare());
  const model::Program symbolic_program = model::build_program(variant.impl, dims);
  const model::Program program = model::build_program(variant.impl, model::symbolic_step(step.kind));

  sym::Assignment at = props::step_assignment(config, step);
  at.set(s::cache_spare(), config.max_seq_len - step.pos - step.len);

  ShapeInterpreter<sym::Dim> symbolic;
  ShapeInterpreter<std::int64_t> concrete;
  RC_ASSERT(!symbolic.setup(symbolic_program, symbolic_eval()));
  RC_ASSERT(!concrete.setup(program, concrete_eval(at)));
  const auto symbolic_failure = symbolic.step(symbolic_program, symbolic_eval());
  const auto concrete_failure = concrete.step(program, concrete_eval(at));

  const auto inputs = make_inputs<double>(config, 7);
  NumericInterpreter<double> numeric(config, inputs);
  std::vector<Shape<std::int64_t>> tensor_shapes;
  RC_ASSERT(numeric.setup(program, at).has_value());
  numeric.set_observer(
      [&](const model::Op&, Tensor<double>& t) { tensor_shapes.push_back(t.as_shape()); });
  const auto numeric_result = numeric.step(program, at);

  // Shapes agree on every op that all three ran.
  const auto& sym_trace = symbolic.trace();
  const auto& con_trace = concrete.trace();
  const std::size_t ran = std::min({sym_trace.size(), con_trace.size(), tensor_shapes.size()});
  for (std::size_t i = 0; i < ran; ++i) {
    RC_ASSERT(evaluate(sym_trace[i].shape, at) == con_trace[i].shape);
    RC_ASSERT(con_trace[i].shape == tensor_shapes[i]);
  }
  // Failures: the concrete and numeric interpreters stop at the same op with the same words;
  // symbolic interpretation fails no later (it fails where *some* configuration fails).
  RC_ASSERT(concrete_failure.has_value() == !numeric_result.has_value());
  if (concrete_failure) {
    RC_ASSERT(numeric_result.error().op_index == concrete_failure->index);
    RC_ASSERT(numeric_result.error().error.message == concrete_failure->error.message);
    RC_ASSERT(symbolic_failure.has_value());
    RC_ASSERT(symbolic_failure->index <= concrete_failure->index);
  }
  if (!symbolic_failure) RC_ASSERT(!concrete_failure);
}

}  // namespace
}  // namespace kvcheck::interp
