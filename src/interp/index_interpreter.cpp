// IndexInterpreter: maps each op kind of the program to its index rule.
#include "kvcheck/interp/index_interpreter.hpp"

namespace kvcheck::interp {
namespace {

using index::Axes;
using index::IndexResult;
using model::OpKind;
using sym::Dim;

/// The sizes of a view with its inferred (-1) entry solved, where the division is exact.
std::optional<std::vector<Dim>> view_sizes(const model::Op& op, const Axes& x) {
  if (!op.inferred) return op.sizes;
  Dim total(1);
  for (const index::Axis& a : x) total *= a.extent();
  Dim known(1);
  for (std::size_t k = 0; k < op.sizes.size(); ++k) {
    if (k != *op.inferred) known *= op.sizes[k];
  }
  auto rest = sym::exact_div(total, known);
  if (!rest) return std::nullopt;
  std::vector<Dim> sizes = op.sizes;
  sizes[*op.inferred] = *rest;
  return sizes;
}

}  // namespace

std::optional<IndexFailure> IndexInterpreter::run(const model::Program& program) {
  for (const auto* ops : {&program.setup, &program.step}) {
    for (const model::Op& op : *ops) {
      IndexResult r = apply(op, program);
      if (!r) return IndexFailure{&op, r.error().reason};
      values_[op.result] = std::move(*r);
      defining_[op.result] = &op;
    }
  }
  return std::nullopt;
}

const Axes* IndexInterpreter::value(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

const model::Op* IndexInterpreter::defined_by(const std::string& name) const {
  auto it = defining_.find(name);
  return it == defining_.end() ? nullptr : it->second;
}

IndexResult IndexInterpreter::apply(const model::Op& op, const model::Program& program) {
  std::vector<const Axes*> args;
  for (const std::string& name : op.args) {
    const Axes* a = value(name);
    if (!a)
      return unexpected(index::IndexUnknown{"'" + op.pseudo + "' reads '" + name +
                                            "', which no earlier op defines"});
    args.push_back(a);
  }
  const auto& x = [&]() -> const Axes& { return *args.at(0); };
  switch (op.kind) {
    case OpKind::kInput:
      return Axes{index::single(index::source_axis("batch", op.sizes.at(0))),
                  index::single(index::source_axis("seq", program.dims.len)),
                  index::single(index::source_axis("hidden", op.sizes.at(2)))};
    case OpKind::kCacheAlloc: {
      // torch.zeros: every element the same value; the sequence axis is the buffer's slots.
      Axes out;
      const bool blhd = program.impl.layout == model::CacheLayout::kBLHD;
      const std::size_t seq = blhd ? 1 : 2;
      for (std::size_t k = 0; k < op.sizes.size(); ++k) {
        out.push_back(index::single(k == seq ? index::source_axis("slot", op.sizes[k])
                                             : index::copy_axis(op.sizes[k])));
      }
      return out;
    }
    case OpKind::kLinear:
      return index::linear_index(x(), op.weight, op.count);
    case OpKind::kView: {
      auto sizes = view_sizes(op, x());
      if (!sizes) return unexpected(index::IndexUnknown{"view: the -1 entry is not exact"});
      return index::view_index(x(), *sizes);
    }
    case OpKind::kTranspose:
      return index::transpose_index(x(), op.dim0, op.dim1);
    case OpKind::kRope:
    case OpKind::kScale:
    case OpKind::kCausalMask:
    case OpKind::kSoftmax:
      // Element-wise in their index: RoPE mixes pairs within head_dim, which the position
      // layer accounts for; masks and softmax act along the key axis only.
      return x();
    case OpKind::kRepeatKv: {
      if (op.repeat_kind == model::RepeatKind::kInterleave) {
        return index::repeat_interleave_index(x(), op.count, op.dim0);
      }
      std::vector<Dim> repeats(x().size(), Dim(1));
      repeats.at(static_cast<std::size_t>(op.dim0)) = op.count;
      return index::repeat_index(x(), repeats);
    }
    case OpKind::kCacheWrite:
      return index::index_copy_index(*args.at(0), op.dim0, *args.at(1));
    case OpKind::kCacheRead:
      return index::narrow_index(x(), op.dim0, Dim(0), op.count);
    case OpKind::kMatmul:
      return index::matmul_index(*args.at(0), *args.at(1));
    case OpKind::kSdpa:
      return index::scaled_dot_product_attention_index(*args.at(0), *args.at(1), *args.at(2),
                                                       op.enable_gqa);
  }
  return unexpected(index::IndexUnknown{"no index rule for '" + op.pseudo + "'"});
}

}  // namespace kvcheck::interp
