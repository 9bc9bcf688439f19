// op_shape: maps each program op kind onto the PyTorch shape rule it stands for.
#include "kvcheck/interp/op_shape.hpp"

#include <stdexcept>

#include "kvcheck/shape/ops/index_copy.hpp"
#include "kvcheck/shape/ops/linear.hpp"
#include "kvcheck/shape/ops/masked_fill.hpp"
#include "kvcheck/shape/ops/matmul.hpp"
#include "kvcheck/shape/ops/narrow.hpp"
#include "kvcheck/shape/ops/repeat.hpp"
#include "kvcheck/shape/ops/repeat_interleave.hpp"
#include "kvcheck/shape/ops/scaled_dot_product_attention.hpp"
#include "kvcheck/shape/ops/softmax.hpp"
#include "kvcheck/shape/ops/transpose.hpp"
#include "kvcheck/shape/ops/view.hpp"

namespace kvcheck::interp {
namespace {

using model::OpKind;
using shape::Shape;
using shape::ShapeResult;

template <class D>
std::vector<D> eval_all(const std::vector<sym::Dim>& dims, const DimEval<D>& eval) {
  std::vector<D> out;
  out.reserve(dims.size());
  for (const sym::Dim& d : dims) out.push_back(eval(d));
  return out;
}

/// RoPE rotates pairs within the last dim of [batch, len, heads, head_dim]: shape-preserving,
/// but only defined on rank-4 activations.
template <class D>
ShapeResult<D> rope_shape(const Shape<D>& x) {
  if (x.rank() == 4) return x;
  shape::Obligation always{sym::Truth::kRefuted, "always", std::nullopt};
  return unexpected(shape::make_shape_error("rotary_embedding", {"x " + x.to_string()},
                                            "expects [bsz, seqlen, heads, head_dim]",
                                            std::to_string(x.rank()), "4", always));
}

/// cache.index_copy_(dim, arange(start, start + len), source): the shape rule of index_copy_,
/// then PyTorch's bounds check on the index values (an index past the buffer raises).
template <class D>
ShapeResult<D> cache_write_shape(const model::Op& op, const Shape<D>& cache, const Shape<D>& source,
                                 const DimEval<D>& eval) {
  const D len = eval(op.len);
  auto written = shape::index_copy(cache, op.dim0, len, source);
  if (!written) return written;
  auto in_bounds = shape::narrow(cache, op.dim0, eval(op.start), len);
  if (!in_bounds) {
    const shape::ShapeError& e = in_bounds.error();
    shape::Obligation failed{e.unknown ? sym::Truth::kUnknown : sym::Truth::kRefuted, e.condition,
                             e.smallest};
    return unexpected(shape::make_shape_error(
        "index_copy_", {"self " + cache.to_string(), "source " + source.to_string()},
        "index out of range: positions up to start + len = " +
            shape::DimOps<D>::str(eval(op.start) + len) + " written into a buffer of " +
            shape::DimOps<D>::str(cache[op.dim0]) + " at dim " + std::to_string(op.dim0),
        e.lhs, e.rhs, failed));
  }
  return written;
}

}  // namespace

DimEval<sym::Dim> symbolic_eval() {
  return [](const sym::Dim& d) { return d; };
}

DimEval<std::int64_t> concrete_eval(const sym::Assignment& values) {
  return [values](const sym::Dim& d) {
    auto v = d.evaluate(values);
    if (!v) throw std::logic_error("op attribute " + d.to_string() + " has an unassigned symbol");
    return *v;
  };
}

template <class D>
ShapeResult<D> op_shape(const model::Op& op, const std::vector<Shape<D>>& args,
                        const DimEval<D>& eval) {
  switch (op.kind) {
    case OpKind::kInput:
    case OpKind::kCacheAlloc:
      return Shape<D>(eval_all(op.sizes, eval));
    case OpKind::kLinear:
      return shape::linear(args.at(0), eval(op.in_features), eval(op.count));
    case OpKind::kView:
      return shape::view(args.at(0), eval_all(op.sizes, eval), op.inferred);
    case OpKind::kTranspose:
      return shape::transpose(args.at(0), op.dim0, op.dim1);
    case OpKind::kRope:
      return rope_shape(args.at(0));
    case OpKind::kRepeatKv: {
      if (op.repeat_kind == model::RepeatKind::kInterleave) {
        return shape::repeat_interleave(args.at(0), eval(op.count), op.dim0);
      }
      std::vector<D> repeats(static_cast<std::size_t>(args.at(0).rank()), D(1));
      if (op.dim0 >= 0 && op.dim0 < args.at(0).rank()) repeats[op.dim0] = eval(op.count);
      return shape::repeat(args.at(0), repeats);
    }
    case OpKind::kCacheWrite:
      return cache_write_shape(op, args.at(0), args.at(1), eval);
    case OpKind::kCacheRead:
      return shape::narrow(args.at(0), op.dim0, D(0), eval(op.count));
    case OpKind::kMatmul:
      return shape::matmul(args.at(0), args.at(1));
    case OpKind::kScale:
      return args.at(0);
    case OpKind::kCausalMask: {
      const D len = eval(op.len);
      // The mask covers the keys read: the written prefix, or the whole buffer when padded.
      const D keys = op.admit_unwritten ? eval(op.count) : eval(op.start) + len;
      return shape::masked_fill(args.at(0), Shape<D>{len, keys});
    }
    case OpKind::kSoftmax:
      return shape::softmax(args.at(0), op.dim0);
    case OpKind::kSdpa:
      return shape::scaled_dot_product_attention(args.at(0), args.at(1), args.at(2),
                                                 std::optional<Shape<D>>(), op.enable_gqa);
  }
  throw std::logic_error("op_shape: unknown op kind");
}

template shape::ShapeResult<std::int64_t> op_shape(const model::Op&,
                                                   const std::vector<Shape<std::int64_t>>&,
                                                   const DimEval<std::int64_t>&);
template shape::ShapeResult<sym::Dim> op_shape(const model::Op&,
                                               const std::vector<Shape<sym::Dim>>&,
                                               const DimEval<sym::Dim>&);

}  // namespace kvcheck::interp
