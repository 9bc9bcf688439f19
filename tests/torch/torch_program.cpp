// TorchProgram: the op-by-op translation into libtorch.
#include "torch_program.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <stdexcept>

#include "torch_attention.hpp"
#include "torch_tensors.hpp"

namespace kvcheck::torch_test {
namespace {

using model::OpKind;

const at::TensorOptions kFloat64 = at::TensorOptions().dtype(at::kDouble);

std::vector<std::int64_t> evaluated(const std::vector<sym::Dim>& dims,
                                    const interp::DimEval<std::int64_t>& eval) {
  std::vector<std::int64_t> out;
  for (const sym::Dim& d : dims) out.push_back(eval(d));
  return out;
}

/// Where a padded mask starts admitting keys (start + len), as the interpreter reads it.
std::optional<std::int64_t> admit_from(const model::Op& op,
                                       const interp::DimEval<std::int64_t>& eval) {
  if (!op.admit_unwritten) return std::nullopt;
  return eval(op.start) + eval(op.len);
}

}  // namespace

TorchProgram::TorchProgram(const model::AttentionConfig& config,
                           const interp::ModelInputs<double>& inputs)
    : scale_(1.0 / std::sqrt(static_cast<double>(config.head_dim))), x_(to_torch(inputs.x)) {
  for (const char* name : {"wq", "wk", "wv", "wo"}) {
    weights_.emplace(name, to_torch(inputs.weight(name)));
  }
}

void TorchProgram::forget_all_but(const std::vector<std::string>& caches) {
  std::erase_if(values_, [&](const auto& entry) {
    return std::find(caches.begin(), caches.end(), entry.first) == caches.end();
  });
}

const at::Tensor& TorchProgram::run(const model::Op& op, const model::Program& program,
                                    const interp::DimEval<std::int64_t>& eval) {
  if (op.kind == OpKind::kCacheWrite) {
    // In place into the persistent buffer, as cache.index_copy_(...) in the model's code.
    at::Tensor& cache = values_.at(op.args.at(0));
    const std::int64_t start = eval(op.start);
    const at::Tensor positions =
        at::arange(start, start + eval(op.len), at::TensorOptions().dtype(at::kLong));
    cache.index_copy_(op.dim0, positions, arg(op, 1));
    if (op.result == op.args.at(0)) return cache;
    return values_[op.result] = cache.clone();
  }
  at::Tensor value = compute(op, program, eval);
  return values_[op.result] = std::move(value);
}

at::Tensor TorchProgram::compute(const model::Op& op, const model::Program& program,
                                 const interp::DimEval<std::int64_t>& eval) const {
  switch (op.kind) {
    case OpKind::kInput:
      return x_.narrow(1, eval(program.dims.pos), eval(program.dims.len));
    case OpKind::kCacheAlloc:
      return at::zeros(evaluated(op.sizes, eval), kFloat64);
    case OpKind::kLinear:
      return at::linear(arg(op, 0), weight(op.weight));
    case OpKind::kView: {
      std::vector<std::int64_t> sizes = evaluated(op.sizes, eval);
      if (op.inferred && *op.inferred < sizes.size()) sizes[*op.inferred] = -1;
      // kvcheck does not model strides (view.hpp): its tensors are always contiguous. The
      // program's own line for the transposed output says .contiguous().view(...), and
      // contiguous() keeps every shape check of view.
      return arg(op, 0).contiguous().view(sizes);
    }
    case OpKind::kTranspose:
      return arg(op, 0).transpose(op.dim0, op.dim1);
    case OpKind::kRope:
      return rope(arg(op, 0), eval(op.start));
    case OpKind::kRepeatKv: {
      const at::Tensor& t = arg(op, 0);
      if (op.repeat_kind == model::RepeatKind::kInterleave) {
        return t.repeat_interleave(eval(op.count), op.dim0);
      }
      std::vector<std::int64_t> repeats(static_cast<std::size_t>(t.dim()), 1);
      if (op.dim0 >= 0 && op.dim0 < t.dim()) {
        repeats[static_cast<std::size_t>(op.dim0)] = eval(op.count);
      }
      return t.repeat(repeats);
    }
    case OpKind::kCacheWrite:
      break;  // in place, in run()
    case OpKind::kCacheRead:
      return arg(op, 0).narrow(op.dim0, 0, eval(op.count));
    case OpKind::kMatmul:
      return at::matmul(arg(op, 0), arg(op, 1));
    case OpKind::kScale:
      return arg(op, 0) * scale_;
    case OpKind::kCausalMask: {
      const std::int64_t start = eval(op.start);
      const std::int64_t len = eval(op.len);
      // The mask covers the keys the step reads: its written prefix, or the whole buffer
      // when it is padded (op_shape's kCausalMask). In place on a copy: the rule is
      // masked_fill_'s, which never grows the scores to the mask.
      const std::int64_t keys = op.admit_unwritten ? eval(op.count) : start + len;
      return arg(op, 0).clone().masked_fill_(
          causal_hide_mask(len, keys, start, admit_from(op, eval)),
          -std::numeric_limits<double>::infinity());
    }
    case OpKind::kSoftmax:
      return at::softmax(arg(op, 0), op.dim0);
    case OpKind::kSdpa:
      return attention(arg(op, 0), arg(op, 1), arg(op, 2), eval(op.start), op.causal, op.enable_gqa,
                       admit_from(op, eval));
  }
  throw std::logic_error("TorchProgram: no translation for '" + op.pseudo + "'");
}

const at::Tensor& TorchProgram::arg(const model::Op& op, std::size_t i) const {
  const auto it = values_.find(op.args.at(i));
  if (it == values_.end()) {
    throw std::logic_error("TorchProgram: '" + op.pseudo + "' reads '" + op.args.at(i) +
                           "', which no earlier op defines");
  }
  return it->second;
}

const at::Tensor& TorchProgram::weight(const std::string& name) const {
  const auto it = weights_.find(name);
  if (it == weights_.end()) throw std::logic_error("TorchProgram: no weight called '" + name + "'");
  return it->second;
}

}  // namespace kvcheck::torch_test
