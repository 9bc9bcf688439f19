// FusedEngine: the rules over the whole step first, then the ops on reused buffers, with the
// matched attention handed to the fused kernel.
#include "kvcheck/interp/fused_engine.hpp"

#include <algorithm>
#include <cmath>
#include <optional>
#include <stdexcept>

#include "attention_match.hpp"
#include "fused_attention.hpp"
#include "kvcheck/interp/op_shape.hpp"
#include "kvcheck/interp/rope.hpp"
#include "numeric_kernels.hpp"

namespace kvcheck::interp {

using model::OpKind;

namespace {

/// A [batch, positions, heads, d] view of a contiguous 4-D tensor whose positions run along
/// `seq_dim` (1 or 2) and heads along the other.
template <class S>
fused::StridedHeads<S> heads_view(const Tensor<S>& t, std::int64_t seq_dim) {
  const auto s = t.strides();
  const std::size_t seq = static_cast<std::size_t>(seq_dim);
  const std::size_t head = seq == 1 ? 2 : 1;
  return {t.data().data(), s[0], s[seq], s[head], t.shape()[head]};
}

}  // namespace

template <class Scalar>
struct FusedEngine<Scalar>::Plan {
  struct OpSlots {
    std::vector<std::size_t> args;
    std::size_t result = 0;
  };
  std::vector<OpSlots> setup, step;
  std::size_t output = 0;
  std::optional<AttentionMatch> match;  ///< of the step's ops
};

template <class Scalar>
FusedEngine<Scalar>::FusedEngine(const model::AttentionConfig& config,
                                 const ModelInputs<Scalar>& inputs)
    : config_(config), inputs_(&inputs) {}

template <class Scalar>
FusedEngine<Scalar>::~FusedEngine() = default;

template <class Scalar>
std::size_t FusedEngine<Scalar>::slot_of(const std::string& name) {
  const auto [it, added] = slots_.emplace(name, values_.size());
  if (added) {
    values_.emplace_back();
    shapes_.emplace_back();
    defined_.push_back(0);
  }
  return it->second;
}

template <class Scalar>
const typename FusedEngine<Scalar>::Plan& FusedEngine<Scalar>::plan_of(
    const model::Program& program) {
  std::unique_ptr<Plan>& plan = plans_[&program];
  if (plan) return *plan;
  plan = std::make_unique<Plan>();
  auto compile = [&](const std::vector<model::Op>& ops, std::vector<typename Plan::OpSlots>& out) {
    for (const model::Op& op : ops) {
      typename Plan::OpSlots slots;
      for (const std::string& name : op.args) slots.args.push_back(slot_of(name));
      slots.result = slot_of(op.result);
      out.push_back(std::move(slots));
    }
  };
  compile(program.setup, plan->setup);
  compile(program.step, plan->step);
  plan->output = slot_of(program.output);
  plan->match = match_attention(program.step);
  return *plan;
}

template <class Scalar>
Result<std::monostate, StepFailure> FusedEngine<Scalar>::check_shapes(
    const std::vector<model::Op>& ops, const Plan& plan, bool in_setup,
    const DimEval<std::int64_t>& eval) {
  const auto& slots = in_setup ? plan.setup : plan.step;
  op_shapes_.resize(ops.size());
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const model::Op& op = ops[i];
    arg_shapes_.resize(op.args.size());
    for (std::size_t a = 0; a < op.args.size(); ++a) {
      const std::size_t slot = slots[i].args[a];
      if (!defined_[slot]) {
        throw std::logic_error("fused engine: '" + op.pseudo + "' reads '" + op.args[a] +
                               "', which no earlier op defines");
      }
      arg_shapes_[a] = shapes_[slot];
    }
    auto shape = op_shape<std::int64_t>(op, arg_shapes_, eval);
    if (!shape) return unexpected(StepFailure{in_setup, i, op.pseudo, shape.error()});
    shapes_[slots[i].result] = *shape;
    defined_[slots[i].result] = 1;
    op_shapes_[i] = std::move(*shape);
  }
  return std::monostate{};
}

template <class Scalar>
Result<std::monostate, StepFailure> FusedEngine<Scalar>::setup(const model::Program& program,
                                                               const sym::Assignment& env) {
  const Plan& plan = plan_of(program);
  std::fill(defined_.begin(), defined_.end(), 0);
  caches_ready_ = false;
  cache_slots_.clear();
  for (const std::string& name : program.caches) cache_slots_.push_back(slot_of(name));
  const DimEval<std::int64_t> eval = concrete_eval(env);
  if (auto ok = check_shapes(program.setup, plan, true, eval); !ok) return ok;
  for (std::size_t i = 0; i < program.setup.size(); ++i) {
    execute(program.setup[i], plan, true, i, program, eval);
  }
  caches_ready_ = true;
  return std::monostate{};
}

template <class Scalar>
Result<const Tensor<Scalar>*, StepFailure> FusedEngine<Scalar>::step(const model::Program& program,
                                                                     const sym::Assignment& env) {
  const Plan& plan = plan_of(program);
  // Only the caches persist from one step to the next (and from setup, when it succeeded): a
  // step must not read a value an earlier step or setup left behind.
  std::fill(defined_.begin(), defined_.end(), 0);
  if (caches_ready_) {
    for (std::size_t slot : cache_slots_) defined_[slot] = 1;
  }

  const DimEval<std::int64_t> eval = concrete_eval(env);
  if (auto ok = check_shapes(program.step, plan, false, eval); !ok) return unexpected(ok.error());
  fused_ = false;
  for (std::size_t i = 0; i < program.step.size(); ++i) {
    if (plan.match && i == plan.match->first && run_attention(plan, eval)) {
      fused_ = true;
      i = plan.match->last;
      require_shape(program.step[i], plan.step[i].result, i);
      continue;
    }
    execute(program.step[i], plan, false, i, program, eval);
  }
  if (!defined_[plan.output]) {
    throw std::logic_error("fused engine: the step never defines '" + program.output + "'");
  }
  // The step's other values stay in values_ as storage for the next step's buffers; only
  // defined_ says what the current step has computed.
  return &values_[plan.output];
}

template <class Scalar>
Tensor<Scalar>& FusedEngine<Scalar>::sized(std::size_t slot,
                                           const shape::Shape<std::int64_t>& shape) {
  Tensor<Scalar>& t = values_[slot];
  if (t.shape() != shape.dims) {
    typename Tensor<Scalar>::Vector data = std::move(t.data());
    std::int64_t n = 1;
    for (std::int64_t d : shape.dims) n *= d;
    data.resize(n);
    t = Tensor<Scalar>(shape.dims, std::move(data));
  }
  return t;
}

template <class Scalar>
void FusedEngine<Scalar>::execute(const model::Op& op, const Plan& plan, bool in_setup,
                                  std::size_t index, const model::Program& program,
                                  const DimEval<std::int64_t>& eval) {
  const typename Plan::OpSlots& slots = (in_setup ? plan.setup : plan.step)[index];
  const shape::Shape<std::int64_t>& shape = op_shapes_[index];
  const std::size_t r = slots.result;
  auto arg = [&](std::size_t a) -> const Tensor<Scalar>& { return values_[slots.args.at(a)]; };
  // An op whose result replaces its operand (xq = view(xq)) takes the operand's storage.
  auto take_arg = [&](std::size_t a) {
    return slots.args.at(a) == r ? std::move(values_[r]) : Tensor<Scalar>(arg(a));
  };
  switch (op.kind) {
    case OpKind::kInput:
      kernels::narrow_into(sized(r, shape), inputs_->x, 1, eval(program.dims.pos));
      break;
    case OpKind::kCacheAlloc:
      sized(r, shape).data().setZero();
      break;
    case OpKind::kLinear: {
      if (slots.args.at(0) == r) {
        const Tensor<Scalar> in = std::move(values_[r]);
        kernels::linear_into(sized(r, shape), in, inputs_->weight(op.weight));
      } else {
        kernels::linear_into(sized(r, shape), arg(0), inputs_->weight(op.weight));
      }
      break;
    }
    case OpKind::kView: {
      // A view of a contiguous tensor only renames its shape; the elements stay where they are.
      Tensor<Scalar> in = take_arg(0);
      values_[r] = Tensor<Scalar>(shape.dims, std::move(in.data()));
      break;
    }
    case OpKind::kRope: {
      Tensor<Scalar> t = take_arg(0);
      apply_rope(t, eval(op.start));
      values_[r] = std::move(t);
      break;
    }
    case OpKind::kCacheWrite: {
      Tensor<Scalar>& cache = values_[slots.args.at(0)];
      kernels::index_copy(cache, op.dim0, eval(op.start), arg(1));
      if (r != slots.args.at(0)) values_[r] = cache;
      break;
    }
    case OpKind::kTranspose:
      values_[r] = kernels::transpose(arg(0), op.dim0, op.dim1);
      break;
    case OpKind::kRepeatKv:
      values_[r] = kernels::repeat_dim(arg(0), op.dim0, eval(op.count), op.repeat_kind);
      break;
    case OpKind::kCacheRead:
      values_[r] = kernels::narrow(arg(0), op.dim0, 0, eval(op.count));
      break;
    case OpKind::kMatmul:
      values_[r] = kernels::matmul(arg(0), arg(1));
      break;
    case OpKind::kScale: {
      Tensor<Scalar> t = take_arg(0);
      t.data() *= static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(config_.head_dim)));
      values_[r] = std::move(t);
      break;
    }
    case OpKind::kCausalMask: {
      Tensor<Scalar> t = take_arg(0);
      std::optional<std::int64_t> admit;
      if (op.admit_unwritten) admit = eval(op.start) + eval(op.len);
      kernels::causal_mask(t, eval(op.start), admit);
      values_[r] = std::move(t);
      break;
    }
    case OpKind::kSoftmax:
      values_[r] = kernels::softmax(arg(0), op.dim0);
      break;
    case OpKind::kSdpa: {
      std::optional<std::int64_t> admit;
      if (op.admit_unwritten) admit = eval(op.start) + eval(op.len);
      values_[r] =
          kernels::sdpa(arg(0), arg(1), arg(2), eval(op.start), op.causal, op.enable_gqa, admit);
      break;
    }
  }
  require_shape(op, r, index);
}

template <class Scalar>
bool FusedEngine<Scalar>::run_attention(const Plan& plan, const DimEval<std::int64_t>& eval) {
  const AttentionMatch& m = *plan.match;
  const Tensor<Scalar>& q = values_[slots_.at(m.query)];
  const Tensor<Scalar>* keys = &values_[slots_.at(m.keys_cache)];
  const Tensor<Scalar>* values = &values_[slots_.at(m.values_cache)];
  const std::int64_t count = eval(m.key_count);
  if (q.rank() != 4 || keys->rank() != 4 || values->rank() != 4) return false;
  // Batch dims that would broadcast rather than match run op by op.
  if (keys->dim(0) != q.dim(0) || values->dim(0) != q.dim(0)) return false;

  fused::HeadMap heads{q.dim(2), keys->shape()[static_cast<std::size_t>(3 - m.seq_dim)], 1};
  if (m.repeat) {
    const std::int64_t times = eval(m.repeat->count);
    if (m.repeat->repeat_kind == model::RepeatKind::kInterleave) {
      heads.interleave = times;
      heads.operand_heads *= times;
    } else {
      // A tiling repeat is computed as the program computes it: a copy of the read prefix.
      const std::int64_t head_index = m.seq_dim == 1 ? 2 : 1;
      keys_copy_ = kernels::repeat_dim(kernels::narrow(*keys, m.seq_dim, 0, count), head_index,
                                       times, model::RepeatKind::kTile);
      values_copy_ = kernels::repeat_dim(kernels::narrow(*values, m.seq_dim, 0, count), head_index,
                                         times, model::RepeatKind::kTile);
      keys = &keys_copy_;
      values = &values_copy_;
      heads.operand_heads *= times;
    }
  }

  fused::AttentionArgs<Scalar> a;
  a.q = heads_view(q, 1);  // [batch, len, heads, head_dim]
  a.k = heads_view(*keys, m.seq_dim);
  a.v = heads_view(*values, m.seq_dim);
  a.batch = q.dim(0);
  a.len = q.dim(1);
  a.keys = count;
  a.head_dim = q.dim(3);
  a.value_dim = values->dim(3);
  a.heads = heads;
  const std::int64_t scale_dim = m.sdpa ? q.dim(3) : config_.head_dim;
  a.scale = static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(scale_dim)));
  a.visibility.causal = m.mask != nullptr;
  if (m.mask) {
    a.visibility.start = eval(m.mask->start);
    if (m.mask->admit_unwritten) a.visibility.admit_from = eval(m.mask->start) + eval(m.mask->len);
  }
  const shape::Shape<std::int64_t>& out_shape = op_shapes_.at(m.last);
  const std::vector<std::int64_t> flat = {a.batch, a.len, a.heads.query_heads * a.value_dim};
  if (out_shape.dims != flat) return false;
  a.out = sized(plan.step.at(m.last).result, out_shape).data().data();
  fused::attention(a);
  return true;
}

template <class Scalar>
void FusedEngine<Scalar>::require_shape(const model::Op& op, std::size_t slot,
                                        std::size_t index) const {
  const Tensor<Scalar>& value = values_[slot];
  if (value.shape() != op_shapes_[index].dims) {
    throw std::logic_error("fused engine: '" + op.pseudo + "' computed " + value.shape_string() +
                           " where the rule gives " + op_shapes_[index].to_string());
  }
}

template <class Scalar>
const Tensor<Scalar>* FusedEngine<Scalar>::cache(const std::string& name) const {
  const auto it = slots_.find(name);
  if (!caches_ready_ || it == slots_.end()) return nullptr;
  const bool is_cache =
      std::find(cache_slots_.begin(), cache_slots_.end(), it->second) != cache_slots_.end();
  return is_cache ? &values_[it->second] : nullptr;
}

template <class Scalar>
std::int64_t FusedEngine<Scalar>::total_cache_elements() const {
  if (!caches_ready_) return 0;
  std::int64_t total = 0;
  for (std::size_t slot : cache_slots_) total += values_[slot].numel();
  return total;
}

template class FusedEngine<float>;
template class FusedEngine<double>;

}  // namespace kvcheck::interp
