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

bool is_cache(const std::vector<std::string>& caches, const std::string& name) {
  return std::find(caches.begin(), caches.end(), name) != caches.end();
}

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
FusedEngine<Scalar>::FusedEngine(const model::AttentionConfig& config,
                                 const ModelInputs<Scalar>& inputs)
    : config_(config), inputs_(&inputs) {}

template <class Scalar>
Result<std::monostate, StepFailure> FusedEngine<Scalar>::check_shapes(
    const std::vector<model::Op>& ops, bool in_setup, const sym::Assignment& env) {
  const DimEval<std::int64_t> eval = concrete_eval(env);
  op_shapes_.clear();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const model::Op& op = ops[i];
    std::vector<shape::Shape<std::int64_t>> args;
    for (const std::string& name : op.args) {
      const auto it = shapes_.find(name);
      if (it == shapes_.end()) {
        throw std::logic_error("fused engine: '" + op.pseudo + "' reads '" + name +
                               "', which no earlier op defines");
      }
      args.push_back(it->second);
    }
    auto shape = op_shape<std::int64_t>(op, args, eval);
    if (!shape) return unexpected(StepFailure{in_setup, i, op.pseudo, shape.error()});
    shapes_[op.result] = *shape;
    op_shapes_.push_back(std::move(*shape));
  }
  return std::monostate{};
}

template <class Scalar>
Result<std::monostate, StepFailure> FusedEngine<Scalar>::setup(const model::Program& program,
                                                               const sym::Assignment& env) {
  shapes_.clear();
  caches_ = program.caches;
  if (auto ok = check_shapes(program.setup, true, env); !ok) return ok;
  const DimEval<std::int64_t> eval = concrete_eval(env);
  for (std::size_t i = 0; i < program.setup.size(); ++i) {
    execute(program.setup[i], program, eval, i);
  }
  // Only the caches survive setup: a step must not read a value setup left behind.
  std::erase_if(shapes_, [&](const auto& e) { return !is_cache(caches_, e.first); });
  return std::monostate{};
}

template <class Scalar>
Result<const Tensor<Scalar>*, StepFailure> FusedEngine<Scalar>::step(const model::Program& program,
                                                                     const sym::Assignment& env) {
  std::erase_if(shapes_, [&](const auto& e) { return !is_cache(caches_, e.first); });
  if (auto ok = check_shapes(program.step, false, env); !ok) return unexpected(ok.error());
  const DimEval<std::int64_t> eval = concrete_eval(env);
  const std::optional<AttentionMatch> match = match_attention(program.step);
  fused_ = false;
  for (std::size_t i = 0; i < program.step.size(); ++i) {
    if (match && i == match->first) {
      if (run_attention(program, eval)) {
        fused_ = true;
        i = match->last;
        require_shape(program.step[i], i);
        continue;
      }
    }
    execute(program.step[i], program, eval, i);
  }
  const auto out = values_.find(program.output);
  if (out == values_.end() || !shapes_.contains(program.output)) {
    throw std::logic_error("fused engine: the step never defines '" + program.output + "'");
  }
  // The step's other values stay in values_ as storage for the next step's buffers; only
  // shapes_ says what is defined, and it forgets them when the next step starts.
  return &out->second;
}

template <class Scalar>
Tensor<Scalar>& FusedEngine<Scalar>::slot(const std::string& name,
                                          const shape::Shape<std::int64_t>& shape) {
  Tensor<Scalar>& t = values_[name];
  std::vector<std::int64_t> sizes(shape.dims.begin(), shape.dims.end());
  if (t.shape() != sizes) {
    typename Tensor<Scalar>::Vector data = std::move(t.data());
    std::int64_t n = 1;
    for (std::int64_t d : sizes) n *= d;
    data.resize(n);
    t = Tensor<Scalar>(std::move(sizes), std::move(data));
  }
  return t;
}

template <class Scalar>
void FusedEngine<Scalar>::execute(const model::Op& op, const model::Program& program,
                                  const DimEval<std::int64_t>& eval, std::size_t index) {
  const shape::Shape<std::int64_t>& shape = op_shapes_.at(index);
  switch (op.kind) {
    case OpKind::kInput:
      kernels::narrow_into(slot(op.result, shape), inputs_->x, 1, eval(program.dims.pos));
      break;
    case OpKind::kCacheAlloc: {
      Tensor<Scalar>& buffer = slot(op.result, shape);
      buffer.data().setZero();
      break;
    }
    case OpKind::kLinear: {
      if (op.result == op.args.at(0)) {
        Tensor<Scalar> in = std::move(values_.at(op.args.at(0)));
        kernels::linear_into(slot(op.result, shape), in, inputs_->weight(op.weight));
      } else {
        kernels::linear_into(slot(op.result, shape), arg(op, 0), inputs_->weight(op.weight));
      }
      break;
    }
    case OpKind::kView: {
      // A view of a contiguous tensor only renames its shape; the elements stay where they are.
      Tensor<Scalar> in =
          op.result == op.args.at(0) ? std::move(values_.at(op.args.at(0))) : arg(op, 0);
      std::vector<std::int64_t> sizes(shape.dims.begin(), shape.dims.end());
      values_[op.result] = Tensor<Scalar>(std::move(sizes), std::move(in.data()));
      break;
    }
    case OpKind::kRope: {
      if (op.result != op.args.at(0)) values_[op.result] = arg(op, 0);
      apply_rope(values_.at(op.result), eval(op.start));
      break;
    }
    case OpKind::kCacheWrite: {
      Tensor<Scalar>& cache = values_.at(op.args.at(0));
      kernels::index_copy(cache, op.dim0, eval(op.start), arg(op, 1));
      if (op.result != op.args.at(0)) values_[op.result] = cache;
      break;
    }
    case OpKind::kTranspose:
      values_[op.result] = kernels::transpose(arg(op, 0), op.dim0, op.dim1);
      break;
    case OpKind::kRepeatKv:
      values_[op.result] = kernels::repeat_dim(arg(op, 0), op.dim0, eval(op.count), op.repeat_kind);
      break;
    case OpKind::kCacheRead:
      values_[op.result] = kernels::narrow(arg(op, 0), op.dim0, 0, eval(op.count));
      break;
    case OpKind::kMatmul:
      values_[op.result] = kernels::matmul(arg(op, 0), arg(op, 1));
      break;
    case OpKind::kScale: {
      Tensor<Scalar> t = arg(op, 0);
      t.data() *= static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(config_.head_dim)));
      values_[op.result] = std::move(t);
      break;
    }
    case OpKind::kCausalMask: {
      Tensor<Scalar> t = arg(op, 0);
      std::optional<std::int64_t> admit;
      if (op.admit_unwritten) admit = eval(op.start) + eval(op.len);
      kernels::causal_mask(t, eval(op.start), admit);
      values_[op.result] = std::move(t);
      break;
    }
    case OpKind::kSoftmax:
      values_[op.result] = kernels::softmax(arg(op, 0), op.dim0);
      break;
    case OpKind::kSdpa: {
      std::optional<std::int64_t> admit;
      if (op.admit_unwritten) admit = eval(op.start) + eval(op.len);
      values_[op.result] = kernels::sdpa(arg(op, 0), arg(op, 1), arg(op, 2), eval(op.start),
                                         op.causal, op.enable_gqa, admit);
      break;
    }
  }
  require_shape(op, index);
}

template <class Scalar>
bool FusedEngine<Scalar>::run_attention(const model::Program& program,
                                        const DimEval<std::int64_t>& eval) {
  const AttentionMatch m = *match_attention(program.step);
  const Tensor<Scalar>& q = values_.at(m.query);
  const Tensor<Scalar>* keys = &values_.at(m.keys_cache);
  const Tensor<Scalar>* values = &values_.at(m.values_cache);
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
  if (std::vector<std::int64_t>(out_shape.dims.begin(), out_shape.dims.end()) != flat) return false;
  a.out = slot(m.output, out_shape).data().data();
  fused::attention(a);
  return true;
}

template <class Scalar>
void FusedEngine<Scalar>::require_shape(const model::Op& op, std::size_t index) const {
  const Tensor<Scalar>& value = values_.at(op.result);
  if (value.as_shape() != op_shapes_.at(index)) {
    throw std::logic_error("fused engine: '" + op.pseudo + "' computed " + value.shape_string() +
                           " where the rule gives " + op_shapes_.at(index).to_string());
  }
}

template <class Scalar>
const Tensor<Scalar>& FusedEngine<Scalar>::arg(const model::Op& op, std::size_t i) const {
  return values_.at(op.args.at(i));
}

template <class Scalar>
const Tensor<Scalar>* FusedEngine<Scalar>::cache(const std::string& name) const {
  if (!is_cache(caches_, name)) return nullptr;
  const auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

template <class Scalar>
std::int64_t FusedEngine<Scalar>::total_cache_elements() const {
  std::int64_t total = 0;
  for (const std::string& name : caches_) {
    if (const Tensor<Scalar>* t = cache(name)) total += t->numel();
  }
  return total;
}

template class FusedEngine<float>;
template class FusedEngine<double>;

}  // namespace kvcheck::interp
