// Index rules: for each PyTorch op, where the elements of its result come from, as axis maps
// over the operands'. One pure function per op (src/index/ops/<op>.cpp), beside the op's
// shape rule; the registry lists them for the completeness test.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kvcheck/index/axis_map.hpp"

namespace kvcheck::index {

/// One tensor axis and every way its index is known to read a source: one view per operand
/// lineage (a score tensor's head axis reads the query projection and, through the pairing
/// of the matmul, the key projection). Each view decomposes the same axis index.
struct Axis {
  std::vector<AxisMap> views;
  /// The axis' extent, from its first view (all views have the same extent where the shape
  /// rules hold).
  sym::Dim extent() const;
  /// The view that reads `source`, or nullptr.
  const AxisMap* view_reading(const std::string& source) const;
};
using Axes = std::vector<Axis>;
using IndexResult = Result<Axes, IndexUnknown>;

/// An axis with one view.
Axis single(const AxisMap& view);

/// F.linear(x, weight[out, in]): the last axis becomes the weight's output features.
IndexResult linear_index(const Axes& x, const std::string& weight, const sym::Dim& out_features);
/// Tensor.view / reshape / flatten (and unflatten): the axes merged, then split into `sizes`.
IndexResult view_index(const Axes& x, const std::vector<sym::Dim>& sizes);
/// Tensor.transpose(d0, d1); permute is a sequence of these.
IndexResult transpose_index(const Axes& x, std::int64_t d0, std::int64_t d1);
/// Tensor.permute(dims).
IndexResult permute_index(const Axes& x, const std::vector<std::int64_t>& dims);
/// Tensor.repeat_interleave(repeats, dim): element i of dim reads i / repeats.
IndexResult repeat_interleave_index(const Axes& x, const sym::Dim& repeats, std::int64_t dim);
/// Tensor.repeat(r0, r1, ...): dim k tiles its elements r_k times (i reads i % size).
IndexResult repeat_index(const Axes& x, const std::vector<sym::Dim>& repeats);
/// Tensor.unsqueeze(dim) / x[:, None]: a new axis of one element.
IndexResult unsqueeze_index(const Axes& x, std::int64_t dim);
/// Tensor.expand(sizes): a one-element axis becomes `size` copies; -1 (nullopt) keeps it.
IndexResult expand_index(const Axes& x, const std::vector<std::optional<sym::Dim>>& sizes);
/// Tensor.narrow(dim, start, length) / x[..., start:start+length]: a contiguous range.
IndexResult narrow_index(const Axes& x, std::int64_t dim, const sym::Dim& start,
                         const sym::Dim& length);
/// torch.cat(tensors, dim): consecutive ranges of one source concatenated in order.
IndexResult cat_index(const std::vector<Axes>& parts, std::int64_t dim);
/// self.index_copy_(dim, index, source): the written elements read `source` on every other
/// axis; `dim` keeps self's slots (which token a slot holds is the position layer's job).
IndexResult index_copy_index(const Axes& self, std::int64_t dim, const Axes& source);
/// torch.matmul(a, b): batch axes broadcast and pair both operands' views; rows from a,
/// columns from b.
IndexResult matmul_index(const Axes& a, const Axes& b);
/// F.scaled_dot_product_attention(q, k, v, enable_gqa): batch axes pair q with k and v,
/// k and v heads repeated interleaved up to q's heads when enable_gqa; rows from q, features
/// from v.
IndexResult scaled_dot_product_attention_index(const Axes& q, const Axes& k, const Axes& v,
                                               bool enable_gqa);

/// One registered index rule: the PyTorch op it models and its semantics in a line.
struct IndexRuleInfo {
  std::string op;
  std::string semantics;
};
/// Every index rule, in the order of this header.
const std::vector<IndexRuleInfo>& index_rule_registry();

/// "[batch%batch] [seq%len] ..." for traces.
std::string axes_to_string(const Axes& axes);
/// dim in [-rank, rank) made non-negative; Unknown when out of range.
Result<std::size_t, IndexUnknown> axis_index(const Axes& x, std::int64_t dim, const char* op);

}  // namespace kvcheck::index
