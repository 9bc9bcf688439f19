// NumericInterpreter: the rule-first op loop and the mapping from op kinds to kernels.
#include "kvcheck/interp/numeric_interpreter.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "kvcheck/interp/op_shape.hpp"
#include "kvcheck/interp/rope.hpp"
#include "numeric_kernels.hpp"

namespace kvcheck::interp {

using model::OpKind;

namespace {

/// The first admitted unwritten key of a padded mask (start + len), or nothing.
std::optional<std::int64_t> admit_from(const model::Op& op, const DimEval<std::int64_t>& eval) {
  if (!op.admit_unwritten) return std::nullopt;
  return eval(op.start) + eval(op.len);
}

}  // namespace

template <class Scalar>
NumericInterpreter<Scalar>::NumericInterpreter(const model::AttentionConfig& config,
                                               const ModelInputs<Scalar>& inputs)
    : config_(config), inputs_(&inputs) {}

template <class Scalar>
Result<std::monostate, StepFailure> NumericInterpreter<Scalar>::setup(const model::Program& program,
                                                                      const sym::Assignment& env) {
  values_.clear();
  caches_ = program.caches;
  return run(program.setup, true, program, env);
}

template <class Scalar>
Result<Tensor<Scalar>, StepFailure> NumericInterpreter<Scalar>::step(const model::Program& program,
                                                                     const sym::Assignment& env) {
  // Only the caches persist: a step that reads a value it did not compute must fail loudly,
  // not pick up the previous step's.
  std::erase_if(values_, [&](const auto& entry) {
    return std::find(caches_.begin(), caches_.end(), entry.first) == caches_.end();
  });
  auto ran = run(program.step, false, program, env);
  if (!ran) return unexpected(ran.error());
  const Tensor<Scalar>* out = value(program.output);
  if (!out)
    throw std::logic_error("numeric interpreter: the step never defines '" + program.output + "'");
  return *out;
}

template <class Scalar>
Result<std::monostate, StepFailure> NumericInterpreter<Scalar>::run(
    const std::vector<model::Op>& ops, bool in_setup, const model::Program& program,
    const sym::Assignment& env) {
  const DimEval<std::int64_t> eval = concrete_eval(env);
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const model::Op& op = ops[i];
    std::vector<shape::Shape<std::int64_t>> arg_shapes;
    for (std::size_t a = 0; a < op.args.size(); ++a) arg_shapes.push_back(arg(op, a).as_shape());
    // The shared rule decides first, so this interpreter reports a shape error in the same
    // op as the shape interpreters, and no kernel ever sees operands the rule rejects.
    auto expected = op_shape<std::int64_t>(op, arg_shapes, eval);
    if (!expected) return unexpected(StepFailure{in_setup, i, op.pseudo, expected.error()});

    Tensor<Scalar>* result = nullptr;
    if (op.kind == OpKind::kCacheWrite) {
      // index_copy_ writes into the persistent buffer and returns it.
      kernels::index_copy(values_.at(op.args.at(0)), op.dim0, eval(op.start), arg(op, 1));
      result = &values_.at(op.args.at(0));
      if (op.result != op.args.at(0)) result = &(values_[op.result] = *result);
    } else {
      result = &(values_[op.result] = compute(op, program, eval));
    }
    if (result->as_shape() != *expected) {
      throw std::logic_error("numeric interpreter: '" + op.pseudo + "' computed " +
                             result->shape_string() + " where the rule gives " +
                             expected->to_string());
    }
    if (observer_) observer_(op, *result);
  }
  return std::monostate{};
}

template <class Scalar>
Tensor<Scalar> NumericInterpreter<Scalar>::compute(const model::Op& op,
                                                   const model::Program& program,
                                                   const DimEval<std::int64_t>& eval) {
  auto eval_sizes = [&](const std::vector<sym::Dim>& dims) {
    std::vector<std::int64_t> out;
    for (const sym::Dim& d : dims) out.push_back(eval(d));
    return out;
  };
  switch (op.kind) {
    case OpKind::kInput:
      return kernels::narrow(inputs_->x, 1, eval(program.dims.pos), eval(program.dims.len));
    case OpKind::kCacheAlloc:
      return Tensor<Scalar>(eval_sizes(op.sizes));
    case OpKind::kLinear:
      return kernels::linear(arg(op, 0), inputs_->weight(op.weight));
    case OpKind::kView:
      return kernels::view(arg(op, 0), eval_sizes(op.sizes), op.inferred);
    case OpKind::kTranspose:
      return kernels::transpose(arg(op, 0), op.dim0, op.dim1);
    case OpKind::kRope: {
      Tensor<Scalar> t = arg(op, 0);
      apply_rope(t, eval(op.start));
      return t;
    }
    case OpKind::kRepeatKv:
      return kernels::repeat_dim(arg(op, 0), op.dim0, eval(op.count), op.repeat_kind);
    case OpKind::kCacheWrite:
      break;  // in place, handled by run()
    case OpKind::kCacheRead:
      return kernels::narrow(arg(op, 0), op.dim0, 0, eval(op.count));
    case OpKind::kMatmul:
      return kernels::matmul(arg(op, 0), arg(op, 1));
    case OpKind::kScale: {
      Tensor<Scalar> t = arg(op, 0);
      t.data() *= static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(config_.head_dim)));
      return t;
    }
    case OpKind::kCausalMask: {
      Tensor<Scalar> t = arg(op, 0);
      kernels::causal_mask(t, eval(op.start), admit_from(op, eval));
      return t;
    }
    case OpKind::kSoftmax:
      return kernels::softmax(arg(op, 0), op.dim0);
    case OpKind::kSdpa:
      return kernels::sdpa(arg(op, 0), arg(op, 1), arg(op, 2), eval(op.start), op.causal,
                           op.enable_gqa, admit_from(op, eval));
  }
  throw std::logic_error("numeric interpreter: no kernel for '" + op.pseudo + "'");
}

template <class Scalar>
const Tensor<Scalar>& NumericInterpreter<Scalar>::arg(const model::Op& op, std::size_t i) const {
  const Tensor<Scalar>* t = value(op.args.at(i));
  if (!t) {
    throw std::logic_error("numeric interpreter: '" + op.pseudo + "' reads '" + op.args.at(i) +
                           "', which no earlier op defines");
  }
  return *t;
}

template <class Scalar>
const Tensor<Scalar>* NumericInterpreter<Scalar>::value(const std::string& name) const {
  const auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

template <class Scalar>
const Tensor<Scalar>* NumericInterpreter<Scalar>::cache(const std::string& name) const {
  const bool is_cache = std::find(caches_.begin(), caches_.end(), name) != caches_.end();
  return is_cache ? value(name) : nullptr;
}

template <class Scalar>
std::int64_t NumericInterpreter<Scalar>::cache_elements(const std::string& name) const {
  const Tensor<Scalar>* t = cache(name);
  return t ? t->numel() : 0;
}

template <class Scalar>
std::int64_t NumericInterpreter<Scalar>::total_cache_elements() const {
  std::int64_t total = 0;
  for (const std::string& name : caches_) total += cache_elements(name);
  return total;
}

template class NumericInterpreter<float>;
template class NumericInterpreter<double>;

}  // namespace kvcheck::interp
