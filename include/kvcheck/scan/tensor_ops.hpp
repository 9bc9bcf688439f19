// Tensor ops on the interpreter's symbolic tensors: PyTorch's shape rule (from shape/ops, the
// same rules the model's interpreters run) and the index semantics of every axis (from
// index/axis_map), so a repeat, a tile or a view that interleaves is seen for what it is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/scan/value.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::scan {

using TensorResult = Result<TensorValue, shape::ShapeError>;

/// A tensor of `shape` whose axes read fresh sources "<name>.<k>" in order.
TensorValue fresh_tensor(const std::vector<sym::Dim>& shape, const std::string& name);

/// The derived tensor keeps markers that follow the data (positions, repeat, mask) and
/// drops buffer identity (a computed value is not the cache).
TensorValue derived(const TensorValue& from, std::vector<sym::Dim> shape,
                    std::vector<index::AxisMap> axes);

TensorResult linear_op(const TensorValue& x, const LinearValue& w);
/// view/reshape with sizes; `inferred` is the index of a -1 entry.
TensorResult view_op(const TensorValue& x, const std::vector<sym::Dim>& sizes,
                     std::optional<std::size_t> inferred, bool reshape);
TensorResult transpose_op(const TensorValue& x, std::int64_t d0, std::int64_t d1);
TensorResult permute_op(const TensorValue& x, const std::vector<std::int64_t>& order);
TensorResult unsqueeze_op(const TensorValue& x, std::int64_t d);
TensorResult squeeze_op(const TensorValue& x, std::optional<std::int64_t> d);
TensorResult flatten_op(const TensorValue& x, std::int64_t start, std::int64_t end);
TensorResult unflatten_op(const TensorValue& x, std::int64_t d, const std::vector<sym::Dim>& sizes);
/// expand(sizes): nullopt entries are -1 (keep).
TensorResult expand_op(const TensorValue& x, const std::vector<std::optional<sym::Dim>>& sizes);
/// Tensor.repeat(repeats): tiles, so the copy digit is the major one.
TensorResult repeat_op(const TensorValue& x, const std::vector<sym::Dim>& repeats);
TensorResult repeat_interleave_op(const TensorValue& x, const sym::Dim& repeats, std::int64_t d);
/// torch.cat / torch.stack. Concatenating one tensor with itself n times is a tile.
TensorResult cat_op(const std::vector<TensorValue>& xs, std::int64_t d, bool stack);
TensorResult matmul_op(const TensorValue& a, const TensorValue& b);
/// Elementwise with broadcasting (+, *, masked_fill, where); `op` names it in errors.
TensorResult broadcast_op(const std::string& op, const TensorValue& a, const TensorValue& b);
/// Reductions over `d` (mean, sum, amax), keeping the axis as extent 1 when `keepdim`.
TensorResult reduce_op(const TensorValue& x, std::int64_t d, bool keepdim);
TensorResult narrow_op(const TensorValue& x, std::int64_t d, const sym::Dim& start,
                       const sym::Dim& length);
TensorResult sdpa_op(const TensorValue& q, const TensorValue& k, const TensorValue& v,
                     const std::optional<TensorValue>& mask, bool enable_gqa);

/// x[items]: ints select, slices narrow, None adds an axis, ... stands for the axes not
/// named, a 1-D tensor picks positions. `starts`: per result axis, the first index it reads
/// in x when it is a slice or a tensor of positions.
struct IndexedView {
  TensorValue result;
  std::vector<std::optional<sym::Dim>> starts;
};
Result<IndexedView, std::string> index_op(const TensorValue& x, const std::vector<Value>& items);

/// "[batch, chunk_len, n_kv_heads, head_dim]".
std::string shape_text(const std::vector<sym::Dim>& shape);

/// A ShapeError for a check the rules in shape/ops do not state (a setitem broadcast).
shape::ShapeError shape_mismatch(const std::string& op, std::vector<std::string> operands,
                                 const std::string& what, const sym::Dim& a, const sym::Dim& b);

}  // namespace kvcheck::scan
