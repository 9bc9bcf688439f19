// API handlers: Tensor methods (and their torch.* function forms).
#include "api_support.hpp"
#include "kvcheck/scan/attention_rules.hpp"
#include "kvcheck/shape/ops/index_copy.hpp"

namespace kvcheck::scan::api {
namespace {

using sym::Dim;

std::optional<std::vector<std::int64_t>> ints(ApiCall& c, std::size_t from) {
  std::vector<Value> items(c.args.positional.begin() + static_cast<std::ptrdiff_t>(std::min(from, c.args.positional.size())),
                           c.args.positional.end());
  if (items.empty()) {
    if (const Value* d = c.args.keyword("dims")) items = {*d};
  }
  if (items.size() == 1) {
    if (const TupleValue* t = items.front().as_tuple(); t && !t->homogeneous) items = t->items;
  }
  std::vector<std::int64_t> out;
  for (const Value& v : items) {
    auto k = v.as_int() ? v.as_int()->dim.constant_value() : std::nullopt;
    if (!k) return std::nullopt;
    out.push_back(*k);
  }
  return out;
}

/// Marks a result whose heads were repeated by `op` (a copy digit of symbolic extent on an
/// axis that reads a projection).
Value with_repeat(ApiCall& c, Value v, const std::string& op) {
  TensorValue* t = std::get_if<TensorValue>(&v.v);
  if (!t || !from_projection(*t)) return v;
  for (const index::AxisMap& a : t->axes) {
    for (const index::Digit& d : a.digits) {
      if (d.is_copy() && !d.extent.constant_value()) {
        t->repeat = RepeatInfo{c.args.at, op, c.in.now()};
        return v;
      }
    }
  }
  return v;
}

std::size_t axis_index(const TensorValue& t, std::int64_t d) {
  return static_cast<std::size_t>(*shape::normalize_dim(d, static_cast<std::int64_t>(t.shape.size())));
}

/// Parts of `self` along `d` with the given lengths; a part of a projection's features is
/// itself a projection (a fused qkv split into q, k and v).
Value parts_along(ApiCall& c, const std::vector<Dim>& lengths, std::int64_t d) {
  const TensorValue& x = *c.self;
  if (!shape::normalize_dim(d, static_cast<std::int64_t>(x.shape.size()))) return unknown(c, "split: dim out of range");
  const std::size_t k = axis_index(x, d);
  const bool projection = x.axes.size() == x.shape.size() && axis_from_projection(x.axes[k]);
  TupleValue out;
  Dim start(0);
  for (std::size_t p = 0; p < lengths.size(); ++p) {
    auto r = narrow_op(x, d, start, lengths[p]);
    if (!r) return finish(c, "split", r);
    TensorValue part = *r;
    part.buffer = -1;
    part.buffer_axis.clear();
    if (projection) {
      std::string source;
      for (const index::Digit& g : x.axes[k].digits) {
        if (!g.is_copy()) source = g.source;
      }
      part.axes[k] = index::source_axis(source.substr(0, source.size() - 4) + ".part" + std::to_string(p) + ".out",
                                        lengths[p]);
    }
    out.items.push_back(Value{part});
    start += lengths[p];
  }
  c.in.trace(c.args.at, c.name, c.args.code, std::to_string(lengths.size()) + " parts");
  return Value{out};
}

}  // namespace

Value view(ApiCall& c) {
  std::optional<std::size_t> inferred;
  auto sizes = size_args(c, 0, &inferred);
  if (!sizes) return unknown(c, c.name + ": sizes that are not all known");
  return finish(c, c.name, view_op(*c.self, *sizes, inferred, c.name == "reshape"));
}

Value transpose(ApiCall& c) {
  auto a = int_arg(c, 0, "dim0");
  auto b = int_arg(c, 1, "dim1");
  if (c.name == "t" && c.self->shape.size() == 2) {
    a = 0;
    b = 1;
  }
  if (!a || !b) return unknown(c, "transpose: dims that are not constants");
  return finish(c, "transpose", transpose_op(*c.self, *a, *b));
}

Value permute(ApiCall& c) {
  auto order = ints(c, 0);
  if (!order) return unknown(c, "permute: dims that are not constants");
  return finish(c, "permute", permute_op(*c.self, *order));
}

Value unsqueeze(ApiCall& c) {
  auto d = int_arg(c, 0, "dim");
  if (!d) return unknown(c, "unsqueeze: a dim that is not a constant");
  return finish(c, "unsqueeze", unsqueeze_op(*c.self, *d));
}

Value squeeze(ApiCall& c) {
  std::optional<std::int64_t> d;
  if (arg(c, 0, "dim")) {
    d = int_arg(c, 0, "dim");
    if (!d) return unknown(c, "squeeze: a dim that is not a constant");
  }
  return finish(c, "squeeze", squeeze_op(*c.self, d));
}

Value flatten(ApiCall& c) {
  const std::int64_t s = arg(c, 0, "start_dim") ? int_arg(c, 0, "start_dim").value_or(INT64_MIN) : 0;
  const std::int64_t e = arg(c, 1, "end_dim") ? int_arg(c, 1, "end_dim").value_or(INT64_MIN) : -1;
  if (s == INT64_MIN || e == INT64_MIN) return unknown(c, "flatten: dims that are not constants");
  return finish(c, "flatten", flatten_op(*c.self, s, e));
}

Value unflatten(ApiCall& c) {
  auto d = int_arg(c, 0, "dim");
  const Value* sizes_value = arg(c, 1, "sizes");
  std::optional<std::vector<Dim>> sizes;
  if (sizes_value) {
    if (const TupleValue* t = sizes_value->as_tuple()) {
      std::vector<Dim> out;
      Dim known(1);
      std::optional<std::size_t> minus;
      for (std::size_t k = 0; k < t->items.size(); ++k) {
        const IntValue* i = t->items[k].as_int();
        if (!i) break;
        if (i->dim == Dim(-1)) {
          minus = k;
          out.push_back(Dim(1));
        } else {
          out.push_back(i->dim);
          known *= i->dim;
        }
      }
      if (out.size() == t->items.size()) {
        if (minus) {
          auto rest = d ? sym::exact_div(c.self->shape[axis_index(*c.self, *d)], known) : std::nullopt;
          if (rest) out[*minus] = *rest;
        }
        sizes = out;
      }
    }
  }
  if (!d || !sizes) return unknown(c, "unflatten: arguments that are not known");
  return finish(c, "unflatten", unflatten_op(*c.self, *d, *sizes));
}

Value identity(ApiCall& c) {
  if (c.self_value) return *c.self_value;
  return same_shape(c);
}

Value expand(ApiCall& c) {
  std::vector<Value> items = c.args.positional;
  if (items.size() == 1) {
    if (const TupleValue* t = items.front().as_tuple(); t && !t->homogeneous) items = t->items;
  }
  std::vector<std::optional<Dim>> sizes;
  for (const Value& v : items) {
    if (!v.as_int()) return unknown(c, "expand: sizes that are not all known");
    if (v.as_int()->dim == Dim(-1)) {
      sizes.push_back(std::nullopt);
    } else {
      sizes.push_back(v.as_int()->dim);
    }
  }
  return with_repeat(c, finish(c, "expand", expand_op(*c.self, sizes)), "expand");
}

Value expand_as(ApiCall& c) {
  auto other = tensor_arg(c, 0, "other");
  if (!other) return unknown(c, "expand_as of a value that is not a known tensor");
  std::vector<std::optional<Dim>> sizes(other->shape.begin(), other->shape.end());
  return with_repeat(c, finish(c, "expand", expand_op(*c.self, sizes)), "expand_as");
}

Value repeat(ApiCall& c) {
  auto reps = size_args(c, 0, nullptr);
  if (!reps) return unknown(c, "repeat: counts that are not all known");
  return with_repeat(c, finish(c, "repeat", repeat_op(*c.self, *reps)), "Tensor.repeat");
}

Value repeat_interleave(ApiCall& c) {
  auto r = dim_arg(c, 0, "repeats");
  const Value* dv = arg(c, 1, "dim");
  auto d = dv ? int_arg(c, 1, "dim") : std::nullopt;
  if (!r) return unknown(c, "repeat_interleave: repeats that are not a known size");
  if (!d) return unknown(c, "repeat_interleave without a constant dim (flattens)");
  return with_repeat(c, finish(c, "repeat_interleave", repeat_interleave_op(*c.self, *r, *d)),
                     "repeat_interleave");
}

Value narrow(ApiCall& c) {
  auto d = int_arg(c, 0, "dim");
  auto s = dim_arg(c, 1, "start");
  auto l = dim_arg(c, 2, "length");
  if (!d || !s || !l) return unknown(c, "narrow: arguments that are not known");
  return finish(c, "narrow", narrow_op(*c.self, *d, *s, *l));
}

Value index_copy(ApiCall& c) {
  auto d = int_arg(c, 0, "dim");
  auto index = tensor_arg(c, 1, "index");
  auto source = tensor_arg(c, 2, "source");
  if (!d || !index || !source || index->shape.size() != 1) {
    return unknown(c, "index_copy_: arguments that are not known tensors");
  }
  const TensorValue& self = *c.self;
  auto rule = shape::index_copy(shape::Shape<Dim>(self.shape), *d, index->shape.front(),
                                shape::Shape<Dim>(source->shape));
  if (!shape::normalize_dim(*d, static_cast<std::int64_t>(self.shape.size()))) {
    return unknown(c, "index_copy_: dim out of range");
  }
  TensorValue region = self;
  const std::size_t k = axis_index(self, *d);
  region.shape[k] = index->shape.front();
  if (region.axes.size() == region.shape.size()) region.axes[k] = index::source_axis("index", region.shape[k]);
  std::vector<std::optional<Dim>> starts(self.shape.size());
  if (index->positions) starts[k] = index->positions->start;
  std::optional<shape::ShapeError> error;
  if (!rule) error = rule.error();
  cache_write(c.in, self, region, *source, starts, c.args.at, "index_copy_", c.args.code, error);
  return *c.self_value;
}

Value copy(ApiCall& c) {
  auto source = tensor_arg(c, 0, "src");
  if (!source) return unknown(c, "copy_ of a value that is not a known tensor");
  std::vector<std::optional<Dim>> starts(c.self->shape.size());
  cache_write(c.in, *c.self, *c.self, *source, starts, c.args.at, "copy_", c.args.code);
  return *c.self_value;
}

Value softmax(ApiCall& c) {
  const TensorValue* x = c.self;
  std::optional<TensorValue> first;
  std::size_t dim_pos = 0;
  if (!x) {
    first = tensor_arg(c, 0, "input");
    if (!first) return unknown(c, "softmax of a value that is not a known tensor");
    x = &*first;
    dim_pos = 1;
  }
  auto d = int_arg(c, dim_pos, "dim");
  if (d && !shape::normalize_dim(*d, static_cast<std::int64_t>(x->shape.size()))) {
    return unknown(c, "softmax: dim out of range");
  }
  TensorValue r = derived(*x, x->shape, x->axes);
  r.is_mask = false;
  c.in.trace(c.args.at, "softmax", c.args.code, shape_text(r.shape));
  return Value{r};
}

Value masked_fill(ApiCall& c) {
  auto mask = tensor_arg(c, 0, "mask");
  if (!mask) return same_shape(c);
  auto r = broadcast_op("masked_fill", *c.self, *mask);
  if (!r || r->shape != c.self->shape) {
    if (!r) mask_shape_error(c.in, "masked_fill", *c.self, *mask, r.error(), c.args.at, c.args.code);
    return Value::unknown("masked_fill shape error", c.args.at.at);
  }
  TensorValue out = derived(*c.self, c.self->shape, c.self->axes);
  c.in.trace(c.args.at, "masked_fill", c.args.code, shape_text(out.shape));
  return Value{out};
}

Value reduce(ApiCall& c) {
  const Value* dv = arg(c, 0, "dim");
  if (!dv) {
    TensorValue r;
    r.made_by = c.name;
    return Value{r};
  }
  auto d = int_arg(c, 0, "dim");
  if (!d) return unknown(c, c.name + ": a dim that is not a constant");
  const bool keep = flag_arg(c, 1, "keepdim").value_or(false);
  return finish(c, c.name, reduce_op(*c.self, *d, keep));
}

Value elementwise(ApiCall& c) {
  if (auto other = tensor_arg(c, 0, "other")) {
    return tensor_elementwise(c.in, c.name, *c.self, *other, c.args.at, c.args.code);
  }
  return Value{derived(*c.self, c.self->shape, c.self->axes)};
}

Value split(ApiCall& c) {
  const Value* s = arg(c, 0, "split_size_or_sections");
  const std::int64_t d = arg(c, 1, "dim") ? int_arg(c, 1, "dim").value_or(INT64_MIN) : 0;
  if (!s || d == INT64_MIN) return unknown(c, "split: arguments that are not known");
  if (!shape::normalize_dim(d, static_cast<std::int64_t>(c.self->shape.size()))) return unknown(c, "split: dim out of range");
  const Dim extent = c.self->shape[axis_index(*c.self, d)];
  std::vector<Dim> lengths;
  if (const TupleValue* t = s->as_tuple()) {
    for (const Value& v : t->items) {
      if (!v.as_int()) return unknown(c, "split: sections that are not known sizes");
      lengths.push_back(v.as_int()->dim);
    }
  } else if (const IntValue* i = s->as_int()) {
    auto n = sym::exact_div(extent, i->dim);
    auto count = n ? n->constant_value() : std::nullopt;
    if (!count || *count < 1 || *count > 64) return unknown(c, "split into a number of parts that is not a constant");
    lengths.assign(static_cast<std::size_t>(*count), i->dim);
  } else {
    return unknown(c, "split: sections that are not known");
  }
  return parts_along(c, lengths, d);
}

Value chunk(ApiCall& c) {
  auto n = int_arg(c, 0, "chunks");
  const std::int64_t d = arg(c, 1, "dim") ? int_arg(c, 1, "dim").value_or(INT64_MIN) : 0;
  if (!n || *n < 1 || *n > 64 || d == INT64_MIN) return unknown(c, "chunk: arguments that are not constants");
  if (!shape::normalize_dim(d, static_cast<std::int64_t>(c.self->shape.size()))) return unknown(c, "chunk: dim out of range");
  auto each = sym::exact_div(c.self->shape[axis_index(*c.self, d)], Dim(*n));
  if (!each) return unknown(c, "chunk: the axis does not divide into equal parts for every configuration");
  return parts_along(c, std::vector<Dim>(static_cast<std::size_t>(*n), *each), d);
}

Value unbind(ApiCall& c) {
  const std::int64_t d = arg(c, 0, "dim") ? int_arg(c, 0, "dim").value_or(INT64_MIN) : 0;
  if (d == INT64_MIN || !shape::normalize_dim(d, static_cast<std::int64_t>(c.self->shape.size()))) {
    return unknown(c, "unbind: a dim that is not a constant");
  }
  const std::size_t k = axis_index(*c.self, d);
  auto n = c.self->shape[k].constant_value();
  if (!n || *n < 1 || *n > 64) return unknown(c, "unbind along an axis whose size is not a constant");
  TupleValue out;
  for (std::int64_t p = 0; p < *n; ++p) {
    std::vector<Dim> shape = c.self->shape;
    shape.erase(shape.begin() + static_cast<std::ptrdiff_t>(k));
    std::vector<index::AxisMap> axes = c.self->axes;
    if (axes.size() == c.self->shape.size()) axes.erase(axes.begin() + static_cast<std::ptrdiff_t>(k));
    out.items.push_back(Value{derived(*c.self, shape, axes)});
  }
  return Value{out};
}

Value size(ApiCall& c) {
  if (!arg(c, 0, "dim")) {
    TupleValue t;
    for (const Dim& d : c.self->shape) t.items.push_back(Value::integer(d));
    return Value{t};
  }
  auto d = int_arg(c, 0, "dim");
  if (!d || !shape::normalize_dim(*d, static_cast<std::int64_t>(c.self->shape.size()))) {
    return unknown(c, "size: a dim that is not a constant in range");
  }
  return Value::integer(c.self->shape[axis_index(*c.self, *d)]);
}

Value matmul(ApiCall& c) {
  std::optional<TensorValue> a = c.self ? std::optional<TensorValue>(*c.self) : tensor_arg(c, 0, "input");
  std::optional<TensorValue> b = tensor_arg(c, c.self ? 0 : 1, "other");
  if (!a || !b) return unknown(c, "matmul of values that are not known tensors");
  return tensor_matmul(c.in, *a, *b, c.args.at, c.args.code);
}

Value view_as(ApiCall& c) {
  auto other = tensor_arg(c, 0, "other");
  if (!other) return unknown(c, "view_as of a value that is not a known tensor");
  return finish(c, "view_as", view_op(*c.self, other->shape, std::nullopt, false));
}

}  // namespace kvcheck::scan::api
