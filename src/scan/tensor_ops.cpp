// Tensor ops over symbolic shapes and axis maps. Shapes come from the rules in shape/ops;
// axis maps follow PyTorch's element order (row-major views, expand and repeat as copies).
#include "kvcheck/scan/tensor_ops.hpp"

#include <numeric>

#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/cat.hpp"
#include "kvcheck/shape/ops/expand.hpp"
#include "kvcheck/shape/ops/linear.hpp"
#include "kvcheck/shape/ops/matmul.hpp"
#include "kvcheck/shape/ops/narrow.hpp"
#include "kvcheck/shape/ops/repeat.hpp"
#include "kvcheck/shape/ops/repeat_interleave.hpp"
#include "kvcheck/shape/ops/reshape.hpp"
#include "kvcheck/shape/ops/scaled_dot_product_attention.hpp"
#include "kvcheck/shape/ops/transpose.hpp"
#include "kvcheck/shape/ops/view.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;
using index::AxisMap;
using SymShape = shape::Shape<Dim>;

SymShape as_shape(const TensorValue& t) { return SymShape(t.shape); }

bool has_axes(const TensorValue& t) { return !t.axes.empty() && t.axes.size() == t.shape.size(); }

std::optional<std::int64_t> norm(std::int64_t d, std::size_t rank) {
  return shape::normalize_dim(d, static_cast<std::int64_t>(rank));
}

shape::ShapeError bad_dim(const std::string& op, const TensorValue& x, std::int64_t d) {
  shape::ShapeError e;
  e.op = op;
  e.operands = {"self " + shape_text(x.shape)};
  e.message = op + ": dim " + std::to_string(d) + " is out of range for a tensor of rank " +
              std::to_string(x.shape.size());
  e.condition = "always";
  return e;
}

}  // namespace

std::string shape_text(const std::vector<Dim>& shape) { return SymShape(shape).to_string(); }

shape::ShapeError shape_mismatch(const std::string& op, std::vector<std::string> operands,
                                 const std::string& what, const Dim& a, const Dim& b) {
  const shape::Obligation ob = shape::DimOps<Dim>::require_equal(a, b);
  return shape::make_shape_error(op, std::move(operands), what, a.to_string(), b.to_string(), ob);
}

TensorValue fresh_tensor(const std::vector<Dim>& shape, const std::string& name) {
  TensorValue t;
  t.shape = shape;
  for (std::size_t k = 0; k < shape.size(); ++k) {
    t.axes.push_back(index::source_axis(name + "." + std::to_string(k), shape[k]));
  }
  return t;
}

TensorValue derived(const TensorValue& from, std::vector<Dim> shape, std::vector<AxisMap> axes) {
  TensorValue t;
  t.shape = std::move(shape);
  t.axes = axes.size() == t.shape.size() ? std::move(axes) : std::vector<AxisMap>{};
  t.positions = from.positions;
  t.repeat = from.repeat;
  t.is_mask = from.is_mask;
  return t;
}

TensorResult linear_op(const TensorValue& x, const LinearValue& w) {
  if (x.shape.empty()) return unexpected(bad_dim("linear", x, -1));
  std::vector<Dim> shape = x.shape;
  shape.back() = w.out_features;
  std::vector<AxisMap> axes = x.axes;
  if (has_axes(x)) axes.back() = index::source_axis(w.name + ".out", w.out_features);
  TensorValue t = derived(x, shape, axes);
  t.positions = x.positions;
  t.repeat.reset();
  return t;
}

TensorResult view_op(const TensorValue& x, const std::vector<Dim>& sizes,
                     std::optional<std::size_t> inferred, bool reshape) {
  auto r = reshape ? shape::reshape(as_shape(x), sizes, inferred) : shape::view(as_shape(x), sizes, inferred);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes;
  if (has_axes(x)) {
    const AxisMap merged = index::merge_axes(x.axes);
    if (auto split = index::split_axis(merged, r->dims)) axes = *split;
  }
  TensorValue t = derived(x, r->dims, axes);
  return t;
}

TensorResult transpose_op(const TensorValue& x, std::int64_t d0, std::int64_t d1) {
  auto r = shape::transpose(as_shape(x), d0, d1);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes = x.axes;
  if (has_axes(x)) {
    std::swap(axes[static_cast<std::size_t>(*norm(d0, x.shape.size()))],
              axes[static_cast<std::size_t>(*norm(d1, x.shape.size()))]);
  }
  TensorValue t = derived(x, r->dims, axes);
  t.buffer = x.buffer;
  if (!x.buffer_axis.empty()) {
    t.buffer_axis = x.buffer_axis;
    std::swap(t.buffer_axis[static_cast<std::size_t>(*norm(d0, x.shape.size()))],
              t.buffer_axis[static_cast<std::size_t>(*norm(d1, x.shape.size()))]);
  }
  return t;
}

TensorResult permute_op(const TensorValue& x, const std::vector<std::int64_t>& order) {
  if (order.size() != x.shape.size()) {
    return unexpected(shape_mismatch("permute", {"self " + shape_text(x.shape)},
                                     "the number of dims does not match the rank",
                                     Dim(static_cast<std::int64_t>(order.size())),
                                     Dim(static_cast<std::int64_t>(x.shape.size()))));
  }
  std::vector<Dim> shape;
  std::vector<AxisMap> axes;
  std::vector<bool> used(order.size(), false);
  for (std::int64_t d : order) {
    auto k = norm(d, x.shape.size());
    if (!k || used[static_cast<std::size_t>(*k)]) return unexpected(bad_dim("permute", x, d));
    used[static_cast<std::size_t>(*k)] = true;
    shape.push_back(x.shape[static_cast<std::size_t>(*k)]);
    if (has_axes(x)) axes.push_back(x.axes[static_cast<std::size_t>(*k)]);
  }
  return derived(x, shape, axes);
}

TensorResult unsqueeze_op(const TensorValue& x, std::int64_t d) {
  // unsqueeze counts dims of the result: -1 is after the last axis.
  const auto k = shape::normalize_dim(d, static_cast<std::int64_t>(x.shape.size()) + 1);
  if (!k) return unexpected(bad_dim("unsqueeze", x, d));
  std::vector<Dim> shape = x.shape;
  shape.insert(shape.begin() + *k, Dim(1));
  std::vector<AxisMap> axes = x.axes;
  if (has_axes(x)) axes.insert(axes.begin() + *k, index::copy_axis(Dim(1)));
  return derived(x, shape, axes);
}

TensorResult squeeze_op(const TensorValue& x, std::optional<std::int64_t> d) {
  std::vector<Dim> shape;
  std::vector<AxisMap> axes;
  std::optional<std::int64_t> only;
  if (d) {
    only = norm(*d, x.shape.size());
    if (!only) return unexpected(bad_dim("squeeze", x, *d));
  }
  for (std::size_t k = 0; k < x.shape.size(); ++k) {
    const bool one = x.shape[k] == Dim(1);
    if (one && (!only || *only == static_cast<std::int64_t>(k))) continue;
    shape.push_back(x.shape[k]);
    if (has_axes(x)) axes.push_back(x.axes[k]);
  }
  return derived(x, shape, axes);
}

TensorResult flatten_op(const TensorValue& x, std::int64_t start, std::int64_t end) {
  if (x.shape.empty()) return derived(x, {Dim(1)}, {index::copy_axis(Dim(1))});
  const auto s = norm(start, x.shape.size());
  const auto e = norm(end, x.shape.size());
  if (!s || !e || *s > *e) return unexpected(bad_dim("flatten", x, !s ? start : end));
  std::vector<Dim> shape;
  std::vector<AxisMap> axes;
  Dim merged(1);
  std::vector<AxisMap> parts;
  for (std::int64_t k = 0; k < static_cast<std::int64_t>(x.shape.size()); ++k) {
    const auto i = static_cast<std::size_t>(k);
    if (k < *s || k > *e) {
      shape.push_back(x.shape[i]);
      if (has_axes(x)) axes.push_back(x.axes[i]);
      continue;
    }
    merged *= x.shape[i];
    if (has_axes(x)) parts.push_back(x.axes[i]);
    if (k == *e) {
      shape.push_back(merged);
      if (has_axes(x)) axes.push_back(index::merge_axes(parts));
    }
  }
  return derived(x, shape, axes);
}

TensorResult unflatten_op(const TensorValue& x, std::int64_t d, const std::vector<Dim>& sizes) {
  const auto k = norm(d, x.shape.size());
  if (!k) return unexpected(bad_dim("unflatten", x, d));
  Dim product(1);
  for (const Dim& s : sizes) product *= s;
  const auto i = static_cast<std::size_t>(*k);
  if (product != x.shape[i]) {
    return unexpected(shape_mismatch("unflatten", {"self " + shape_text(x.shape)},
                                     "the sizes do not multiply to dim " + std::to_string(*k),
                                     product, x.shape[i]));
  }
  std::vector<Dim> shape = x.shape;
  shape.erase(shape.begin() + *k);
  shape.insert(shape.begin() + *k, sizes.begin(), sizes.end());
  std::vector<AxisMap> axes;
  if (has_axes(x)) {
    if (auto split = index::split_axis(x.axes[i], sizes)) {
      axes = x.axes;
      axes.erase(axes.begin() + *k);
      axes.insert(axes.begin() + *k, split->begin(), split->end());
    }
  }
  return derived(x, shape, axes);
}

TensorResult expand_op(const TensorValue& x, const std::vector<std::optional<Dim>>& sizes) {
  auto r = shape::expand(as_shape(x), sizes);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes;
  if (has_axes(x)) {
    const std::size_t lead = sizes.size() - x.shape.size();
    for (std::size_t k = 0; k < sizes.size(); ++k) {
      if (k < lead) {
        axes.push_back(index::copy_axis(r->dims[k]));
        continue;
      }
      const AxisMap& a = x.axes[k - lead];
      axes.push_back(x.shape[k - lead] == Dim(1) ? index::copy_axis(r->dims[k]) : a);
    }
  }
  return derived(x, r->dims, axes);
}

TensorResult repeat_op(const TensorValue& x, const std::vector<Dim>& repeats) {
  auto r = shape::repeat(as_shape(x), repeats);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes;
  if (has_axes(x)) {
    const std::size_t lead = repeats.size() - x.shape.size();
    for (std::size_t k = 0; k < repeats.size(); ++k) {
      if (k < lead) {
        axes.push_back(index::copy_axis(repeats[k]));
      } else {
        axes.push_back(index::merge_axes({index::copy_axis(repeats[k]), x.axes[k - lead]}));
      }
    }
  }
  return derived(x, r->dims, axes);
}

TensorResult repeat_interleave_op(const TensorValue& x, const Dim& repeats, std::int64_t d) {
  auto r = shape::repeat_interleave(as_shape(x), repeats, d);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes = x.axes;
  if (has_axes(x)) {
    const auto k = static_cast<std::size_t>(*norm(d, x.shape.size()));
    axes[k] = index::merge_axes({x.axes[k], index::copy_axis(repeats)});
  }
  return derived(x, r->dims, axes);
}

TensorResult cat_op(const std::vector<TensorValue>& xs, std::int64_t d, bool stack) {
  if (xs.empty()) {
    shape::ShapeError e;
    e.op = stack ? "stack" : "cat";
    e.message = e.op + ": expects a non-empty list of tensors";
    e.condition = "always";
    return unexpected(e);
  }
  std::vector<TensorValue> parts = xs;
  if (stack) {
    for (TensorValue& p : parts) {
      auto u = unsqueeze_op(p, d);
      if (!u) return u;
      p = *u;
    }
  }
  std::vector<SymShape> shapes;
  for (const TensorValue& p : parts) shapes.push_back(as_shape(p));
  auto r = shape::cat(shapes, d);
  if (!r) return unexpected(r.error());
  const auto k = static_cast<std::size_t>(*norm(d, r->dims.size()));
  bool all_same = true;
  for (const TensorValue& p : parts) {
    all_same = all_same && has_axes(p) && p.axes == parts.front().axes;
  }
  std::vector<AxisMap> axes;
  if (all_same) {
    // [x] * n concatenated: the index along d is (copy, x's index): a tile.
    axes = parts.front().axes;
    axes[k] = index::merge_axes(
        {index::copy_axis(Dim(static_cast<std::int64_t>(parts.size()))), parts.front().axes[k]});
  } else if (has_axes(parts.front())) {
    // Different tensors: the other axes keep the first part's semantics where every part
    // agrees; the concatenated axis is new.
    axes = parts.front().axes;
    for (std::size_t a = 0; a < axes.size(); ++a) {
      bool agree = true;
      for (const TensorValue& p : parts) agree = agree && has_axes(p) && p.axes[a] == axes[a];
      if (a == k || !agree) axes[a] = index::source_axis("cat." + std::to_string(a), r->dims[a]);
    }
  }
  TensorValue t = derived(parts.back(), r->dims, axes);
  // A mask joined with zeros for the cached prefix is still the mask.
  for (const TensorValue& p : parts) {
    if (p.repeat) t.repeat = p.repeat;
    t.is_mask = t.is_mask || p.is_mask;
  }
  return t;
}

TensorResult matmul_op(const TensorValue& a, const TensorValue& b) {
  auto r = shape::matmul(as_shape(a), as_shape(b));
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes;
  if (has_axes(a) && a.shape.size() >= 2 && a.shape.size() == r->dims.size()) {
    axes = a.axes;
    axes.back() = has_axes(b) ? b.axes.back() : index::source_axis("matmul.col", r->dims.back());
  }
  TensorValue t = derived(a, r->dims, axes);
  t.repeat.reset();
  t.is_mask = false;
  return t;
}

TensorResult broadcast_op(const std::string& op, const TensorValue& a, const TensorValue& b) {
  auto r = shape::broadcast_shapes(as_shape(a), as_shape(b));
  if (!r) {
    shape::ShapeError e = r.error();
    e.op = op;
    return unexpected(e);
  }
  // The result reads like the operand that already has the result's shape.
  const TensorValue& main = a.shape == r->dims ? a : (b.shape == r->dims ? b : a);
  std::vector<AxisMap> axes = main.shape == r->dims ? main.axes : std::vector<AxisMap>{};
  TensorValue t = derived(main, r->dims, axes);
  if (!t.positions) t.positions = (&main == &a ? b : a).positions;
  t.is_mask = a.is_mask && b.is_mask;
  return t;
}

TensorResult reduce_op(const TensorValue& x, std::int64_t d, bool keepdim) {
  const auto k = norm(d, x.shape.size());
  if (!k) return unexpected(bad_dim("reduce", x, d));
  std::vector<Dim> shape = x.shape;
  std::vector<AxisMap> axes = x.axes;
  if (keepdim) {
    shape[static_cast<std::size_t>(*k)] = Dim(1);
    if (has_axes(x)) axes[static_cast<std::size_t>(*k)] = index::copy_axis(Dim(1));
  } else {
    shape.erase(shape.begin() + *k);
    if (has_axes(x)) axes.erase(axes.begin() + *k);
  }
  return derived(x, shape, axes);
}

TensorResult narrow_op(const TensorValue& x, std::int64_t d, const Dim& start, const Dim& length) {
  auto r = shape::narrow(as_shape(x), d, start, length);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes = x.axes;
  const auto k = static_cast<std::size_t>(*norm(d, x.shape.size()));
  if (has_axes(x)) axes[k] = index::source_axis("narrow." + std::to_string(k), length);
  TensorValue t = derived(x, r->dims, axes);
  if (x.buffer >= 0) {
    t.buffer = x.buffer;
    t.buffer_axis = x.buffer_axis;
  }
  return t;
}

TensorResult sdpa_op(const TensorValue& q, const TensorValue& k, const TensorValue& v,
                     const std::optional<TensorValue>& mask, bool enable_gqa) {
  std::optional<SymShape> m;
  if (mask) m = as_shape(*mask);
  auto r = shape::scaled_dot_product_attention(as_shape(q), as_shape(k), as_shape(v), m, enable_gqa);
  if (!r) return unexpected(r.error());
  std::vector<AxisMap> axes;
  if (has_axes(q) && q.shape.size() == r->dims.size()) {
    axes = q.axes;
    axes.back() = has_axes(v) ? v.axes.back() : index::source_axis("sdpa.out", r->dims.back());
  }
  TensorValue t = derived(q, r->dims, axes);
  t.repeat.reset();
  return t;
}

}  // namespace kvcheck::scan
