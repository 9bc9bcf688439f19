// API handlers: torch.* functions that make tensors, masks and positions, concatenation,
// einsum, and the torch.nn modules.
#include <set>

#include "api_support.hpp"
#include "kvcheck/scan/attention_rules.hpp"

namespace kvcheck::scan::api {
namespace {

using sym::Dim;

/// The tensors of a list argument: its items, or a homogeneous `[x] * n` as n copies.
struct TensorList {
  std::vector<TensorValue> items;
  std::optional<Dim> copies;  ///< `[x] * n` with n not a constant
};

std::optional<TensorList> tensor_list(ApiCall& c, std::size_t k, const std::string& name) {
  const Value* v = arg(c, k, name);
  if (!v) return std::nullopt;
  const TupleValue* t = v->as_tuple();
  if (!t) return std::nullopt;
  TensorList out;
  for (const Value& item : t->items) {
    if (!item.as_tensor()) return std::nullopt;
    out.items.push_back(c.in.materialize(*item.as_tensor()));
  }
  if (t->homogeneous) {
    if (!t->count || out.items.size() != 1) return std::nullopt;
    out.copies = *t->count;
  }
  return out;
}

std::string location_name(const CodeLocation& at) {
  return "line" + std::to_string(at.at.line) + "_" + std::to_string(at.at.column);
}

}  // namespace

Value allocate(ApiCall& c) {
  auto sizes = size_args(c, 0, nullptr);
  if (c.name == "full" && !c.args.positional.empty()) {
    // full(size, fill_value): only the first argument is the size.
    std::vector<Value> first{c.args.positional.front()};
    sizes = c.in.sizes_of(first);
  }
  if (!sizes) return unknown(c, "torch." + c.name + ": sizes that are not all known");
  TensorValue t = fresh_tensor(*sizes, "alloc_" + location_name(c.args.at));
  t.made_by = "torch." + c.name;
  t.at = c.args.at.at;
  if (sizes->size() >= 3) {
    BufferState b;
    b.alloc = c.args.at;
    b.shape = *sizes;
    t.buffer = c.in.new_buffer(b);
    for (std::size_t k = 0; k < sizes->size(); ++k) t.buffer_axis.push_back(static_cast<int>(k));
  }
  if (c.name == "full" && sizes->size() == 2) t.is_mask = true;
  c.in.trace(c.args.at, "torch." + c.name, c.args.code, shape_text(t.shape));
  return Value{t};
}

Value allocate_like(ApiCall& c) {
  auto x = tensor_arg(c, 0, "input");
  if (!x) {
    const Value* a = arg(c, 0, "input");
    return with_positions(Value::unknown("torch." + c.name + " of a value that is not a known tensor", c.args.at.at),
                          a ? positions_of(*a) : std::nullopt);
  }
  TensorValue t = fresh_tensor(x->shape, "alloc_" + location_name(c.args.at));
  t.positions = x->positions;
  t.is_mask = x->is_mask;
  return Value{t};
}

Value arange(ApiCall& c) {
  std::optional<Dim> start = Dim(0);
  std::optional<Dim> end;
  if (c.args.positional.size() >= 2) {
    start = dim_arg(c, 0, "start");
    end = dim_arg(c, 1, "end");
  } else {
    end = dim_arg(c, 0, "end");
  }
  std::optional<Dim> step = Dim(1);
  if (c.args.positional.size() > 2 || c.args.keyword("step")) step = dim_arg(c, 2, "step");
  if (!start || !end || !step) return Value::unknown("arange of bounds that are not sizes", c.args.at.at);
  auto length = sym::exact_div(*end - *start, *step);
  if (!length) return Value::unknown("arange whose length is not exact for every configuration", c.args.at.at);
  TensorValue t = fresh_tensor({*length}, "arange_" + location_name(c.args.at));
  t.positions = PositionInfo{*start, c.args.at};
  c.in.trace(c.args.at, "arange", c.args.code, shape_text(t.shape));
  return Value{t};
}

Value cat(ApiCall& c) {
  auto list = tensor_list(c, 0, "tensors");
  const Value* dv = arg(c, 1, "dim");
  std::optional<std::int64_t> d = dv ? int_arg(c, 1, "dim") : std::optional<std::int64_t>(0);
  if (c.name == "vstack") d = 0;
  if (!list || !d) {
    // Positions survive a concatenation along features ((angles, angles) of a rotary table).
    std::optional<PositionInfo> p;
    if (const Value* v = arg(c, 0, "tensors"); v && v->as_tuple()) {
      for (const Value& item : v->as_tuple()->items) {
        if (!p) p = positions_of(item);
      }
    }
    return with_positions(unknown(c, "torch." + c.name + ": arguments that are not known tensors"), p);
  }
  if (list->copies) {
    // torch.cat([x] * n, dim): n copies one after another along dim, a tile.
    const TensorValue& x = list->items.front();
    if (!shape::normalize_dim(*d, static_cast<std::int64_t>(x.shape.size()))) return unknown(c, "cat: dim out of range");
    std::vector<Dim> reps(x.shape.size(), Dim(1));
    reps[static_cast<std::size_t>(*shape::normalize_dim(*d, static_cast<std::int64_t>(x.shape.size())))] = *list->copies;
    Value v = finish(c, "cat", repeat_op(x, reps));
    if (TensorValue* t = std::get_if<TensorValue>(&v.v); t && from_projection(*t)) t->repeat = RepeatInfo{c.args.at, "torch.cat of copies", c.in.now()};
    return v;
  }
  auto r = cat_op(list->items, *d, false);
  // A past cache (a tensor the previous step returned) concatenated with new keys is the
  // cache write of a functional cache.
  for (std::size_t k = 0; k < list->items.size(); ++k) {
    const TensorValue& past = list->items[k];
    if (past.buffer < 0 || !c.in.buffer(past.buffer).functional) continue;
    for (std::size_t m = 0; m < list->items.size(); ++m) {
      if (m == k) continue;
      const TensorValue& fresh = list->items[m];
      auto axis = shape::normalize_dim(*d, static_cast<std::int64_t>(past.shape.size()));
      if (!axis || fresh.shape.size() != past.shape.size()) continue;
      TensorValue region = past;
      region.shape[static_cast<std::size_t>(*axis)] = fresh.shape[static_cast<std::size_t>(*axis)];
      std::vector<std::optional<Dim>> starts(past.shape.size());
      starts[static_cast<std::size_t>(*axis)] = past.shape[static_cast<std::size_t>(*axis)];
      std::optional<shape::ShapeError> error;
      if (!r) error = r.error();
      cache_write(c.in, past, region, fresh, starts, c.args.at, "torch.cat", c.args.code, error);
      if (!r) return Value::unknown("cat shape error", c.args.at.at);
    }
  }
  return finish(c, "cat", r);
}

Value stack(ApiCall& c) {
  auto list = tensor_list(c, 0, "tensors");
  const Value* dv = arg(c, 1, "dim");
  std::optional<std::int64_t> d = dv ? int_arg(c, 1, "dim") : std::optional<std::int64_t>(0);
  if (!list || list->copies || !d) return unknown(c, "torch.stack: arguments that are not known tensors");
  return finish(c, "stack", cat_op(list->items, *d, true));
}

Value hstack(ApiCall& c) {
  auto list = tensor_list(c, 0, "tensors");
  if (!list || list->copies || list->items.empty()) return unknown(c, "torch.hstack: arguments that are not known tensors");
  const std::int64_t d = list->items.front().shape.size() == 1 ? 0 : 1;
  return finish(c, "hstack", cat_op(list->items, d, false));
}

Value mask_of(ApiCall& c) {
  std::optional<TensorValue> x = c.self ? std::optional<TensorValue>(*c.self) : tensor_arg(c, 0, "input");
  if (!x) return unknown(c, c.name + " of a value that is not a known tensor");
  TensorValue t = derived(*x, x->shape, x->axes);
  t.is_mask = true;
  c.in.trace(c.args.at, c.name, c.args.code, shape_text(t.shape));
  return Value{t};
}

Value where(ApiCall& c) {
  std::vector<TensorValue> ts;
  for (std::size_t k = 0; k < 3; ++k) {
    if (auto t = tensor_arg(c, k, k == 0 ? "condition" : (k == 1 ? "input" : "other"))) ts.push_back(*t);
  }
  if (ts.empty()) return unknown(c, "torch.where of values that are not known tensors");
  TensorValue acc = ts.front();
  for (std::size_t k = 1; k < ts.size(); ++k) {
    auto r = broadcast_op("where", acc, ts[k]);
    if (!r) {
      mask_shape_error(c.in, "where", acc, ts[k], r.error(), c.args.at, c.args.code);
      return Value::unknown("where shape error", c.args.at.at);
    }
    const bool mask = acc.is_mask || ts[k].is_mask;
    acc = *r;
    acc.is_mask = mask;
  }
  return Value{acc};
}

Value outer(ApiCall& c) {
  auto a = tensor_arg(c, 0, "input");
  auto b = tensor_arg(c, 1, "vec2");
  if (a && a->shape.size() == 1 && !b) {
    // Positions against frequencies whose count is not a size (head_dim / 2): the rows are
    // still one per position.
    return with_positions(Value::unknown("torch.outer with a second vector whose length is not known", c.args.at.at),
                          a->positions);
  }
  if (!a || !b || a->shape.size() != 1 || b->shape.size() != 1) return unknown(c, "torch.outer of values that are not known vectors");
  TensorValue t = fresh_tensor({a->shape.front(), b->shape.front()}, "outer_" + location_name(c.args.at));
  t.positions = a->positions;
  return Value{t};
}

Value polar(ApiCall& c) {
  auto angle = tensor_arg(c, 1, "angle");
  if (!angle) {
    const Value* a = arg(c, 1, "angle");
    return with_positions(Value::unknown("torch.polar of a value that is not a known tensor", c.args.at.at),
                          a ? positions_of(*a) : std::nullopt);
  }
  return Value{derived(*angle, angle->shape, angle->axes)};
}

Value view_as_complex(ApiCall& c) {
  auto x = tensor_arg(c, 0, "input");
  if (!x || x->shape.empty() || x->shape.back() != Dim(2)) return unknown(c, "view_as_complex of a tensor whose last size is not 2");
  std::vector<Dim> shape(x->shape.begin(), x->shape.end() - 1);
  std::vector<index::AxisMap> axes;
  if (x->axes.size() == x->shape.size()) axes.assign(x->axes.begin(), x->axes.end() - 1);
  return Value{derived(*x, shape, axes)};
}

Value view_as_real(ApiCall& c) {
  auto x = tensor_arg(c, 0, "input");
  if (!x) return unknown(c, "view_as_real of a value that is not a known tensor");
  std::vector<Dim> shape = x->shape;
  shape.push_back(Dim(2));
  std::vector<index::AxisMap> axes = x->axes;
  if (axes.size() == x->shape.size()) axes.push_back(index::source_axis("complex_parts", Dim(2)));
  return Value{derived(*x, shape, axes)};
}

Value einsum(ApiCall& c) {
  const auto* eq = c.args.positional.empty() ? nullptr : std::get_if<StrValue>(&c.args.positional.front().v);
  if (!eq) return unknown(c, "einsum with an equation that is not a string");
  std::vector<TensorValue> ops;
  for (std::size_t k = 1; k < c.args.positional.size(); ++k) {
    const TensorValue* t = c.args.positional[k].as_tensor();
    if (!t) return unknown(c, "einsum of values that are not known tensors");
    ops.push_back(c.in.materialize(*t));
  }
  std::string text;
  for (char ch : eq->value) {
    if (ch != ' ') text += ch;
  }
  const auto arrow = text.find("->");
  if (arrow == std::string::npos || text.find("...") != std::string::npos) {
    return unknown(c, "einsum without an explicit output or with '...'");
  }
  std::vector<std::string> inputs;
  std::string lhs = text.substr(0, arrow);
  for (std::size_t s = 0, e; s <= lhs.size(); s = e + 1) {
    e = lhs.find(',', s);
    if (e == std::string::npos) e = lhs.size();
    inputs.push_back(lhs.substr(s, e - s));
  }
  const std::string out = text.substr(arrow + 2);
  if (inputs.size() != ops.size()) return unknown(c, "einsum: the equation names a different number of operands");
  std::map<char, Dim> size;
  std::map<char, std::pair<std::size_t, std::size_t>> first;  // letter -> (operand, axis)
  for (std::size_t k = 0; k < ops.size(); ++k) {
    if (inputs[k].size() != ops[k].shape.size()) return unknown(c, "einsum: '" + inputs[k] + "' does not match the operand's rank");
    for (std::size_t a = 0; a < inputs[k].size(); ++a) {
      const char l = inputs[k][a];
      auto it = size.find(l);
      if (it == size.end()) {
        size[l] = ops[k].shape[a];
        first[l] = {k, a};
        continue;
      }
      if (sym::equal_for_all(it->second, ops[k].shape[a])) continue;
      const shape::ShapeError e = shape_mismatch(
          "einsum", {"operand " + shape_text(ops[first[l].first].shape), "operand " + shape_text(ops[k].shape)},
          std::string("index '") + l + "' has different sizes", it->second, ops[k].shape[a]);
      attention_shape_error(c.in, "einsum", ops[first[l].first], ops[k], e, c.args.at, c.args.code);
      return Value::unknown("einsum shape error", c.args.at.at);
    }
  }
  std::vector<Dim> shape;
  std::vector<index::AxisMap> axes;
  bool have_axes = true;
  for (const char l : out) {
    if (!size.count(l)) return unknown(c, std::string("einsum: output index '") + l + "' is not an input index");
    shape.push_back(size[l]);
    const auto [k, a] = first[l];
    have_axes = have_axes && ops[k].axes.size() == ops[k].shape.size();
    if (have_axes) axes.push_back(ops[k].axes[a]);
  }
  // Two operands sharing batch letters, both projections: queries and keys (or weights and
  // values), whose shared letters index heads.
  if (ops.size() == 2 && from_projection(ops[0]) && from_projection(ops[1])) {
    AttentionCall call;
    call.op = "einsum";
    call.q = ops[0];
    call.k = ops[1];
    call.at = c.args.at;
    call.code = c.args.code;
    const std::string& a = inputs[0];
    const std::string& b = inputs[1];
    const bool a_features = !ops[0].axes.empty() && axis_from_projection(ops[0].axes.back());
    call.head_dim = a_features ? ops[0].shape.back() : ops[1].shape.back();
    for (std::size_t i = 0; i < a.size(); ++i) {
      const auto j = b.find(a[i]);
      if (j != std::string::npos && out.find(a[i]) != std::string::npos) call.batch_axes.emplace_back(i, j);
    }
    check_attention(c.in, call);
  }
  TensorValue t = derived(ops.front(), shape, have_axes ? axes : std::vector<index::AxisMap>{});
  t.repeat.reset();
  c.in.trace(c.args.at, "einsum", c.args.code, shape_text(t.shape));
  return Value{t};
}

Value linear_module(ApiCall& c) {
  auto in = dim_arg(c, 0, "in_features");
  auto out = dim_arg(c, 1, "out_features");
  if (!in || !out) return unknown(c, "nn.Linear with sizes that are not known");
  return Value{LinearValue{*in, *out, "linear_" + location_name(c.args.at)}};
}

Value module_list(ApiCall& c) {
  const Value* v = arg(c, 0, "modules");
  if (!v) return Value{TupleValue{}};
  return *v;
}

Value library_module(ApiCall& c) {
  auto inst = std::make_shared<Instance>();
  inst->library = true;
  inst->class_name = "torch.nn." + c.name;
  return Value{ObjectValue{inst}};
}

Value embedding(ApiCall& c) {
  auto dim = dim_arg(c, 1, "embedding_dim");
  if (!dim) return unknown(c, "nn.Embedding with a width that is not known");
  auto inst = std::make_shared<Instance>();
  inst->library = true;
  inst->class_name = "torch.nn.Embedding";
  inst->attributes["embedding_dim"] = Value::integer(*dim);
  return Value{ObjectValue{inst}};
}

Value parameter(ApiCall& c) {
  const Value* v = arg(c, 0, "data");
  return v ? *v : Value::unknown("nn.Parameter()", c.args.at.at);
}

Value scalar(ApiCall& c) { return Value::unknown("a number, not a size", c.args.at.at); }

Value one_rank(ApiCall& c) {
  c.in.gave_up(c.args.at, c.name + "() taken as 1: the single-rank case");
  return Value::integer(sym::Dim(1));
}

}  // namespace kvcheck::scan::api
