// Indexing: x[items] on tensors (basic and one-tensor advanced indexing, as PyTorch's
// __getitem__), on tuples of sizes, and slice assignment into tensors.
#include <algorithm>

#include "kvcheck/scan/attention_rules.hpp"
#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/tensor_ops.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;

std::optional<Dim> bound(const std::shared_ptr<Value>& v, const Dim& extent, const Dim& if_absent,
                         bool& unknown) {
  if (!v || std::holds_alternative<NoneValue>(v->v)) return if_absent;
  const IntValue* i = v->as_int();
  if (!i) {
    unknown = true;
    return std::nullopt;
  }
  // A negative constant counts from the end.
  if (auto c = i->dim.constant_value(); c && *c < 0) return extent + Dim(*c);
  return i->dim;
}

}  // namespace

Result<IndexedView, std::string> index_op(const TensorValue& x, const std::vector<Value>& items) {
  std::size_t consumed = 0;
  for (const Value& it : items) {
    if (!std::holds_alternative<NoneValue>(it.v) && !std::holds_alternative<EllipsisValue>(it.v)) ++consumed;
  }
  if (consumed > x.shape.size()) return unexpected(std::string("too many indices for the tensor"));
  IndexedView out;
  TensorValue& r = out.result;
  r.made_by = "indexing";
  r.is_mask = x.is_mask;
  r.repeat = x.repeat;
  r.buffer = x.buffer;
  const bool axes = x.axes.size() == x.shape.size();
  const bool mapped = x.buffer_axis.size() == x.shape.size();
  std::size_t axis = 0;
  auto keep = [&](std::size_t a, const Dim& extent, std::optional<Dim> start, bool whole) {
    r.shape.push_back(extent);
    if (axes) r.axes.push_back(whole ? x.axes[a] : index::source_axis("slice." + std::to_string(a), extent));
    r.buffer_axis.push_back(mapped ? x.buffer_axis[a] : -1);
    out.starts.push_back(start);
  };
  for (const Value& it : items) {
    if (std::holds_alternative<NoneValue>(it.v)) {
      r.shape.push_back(Dim(1));
      if (axes) r.axes.push_back(index::copy_axis(Dim(1)));
      r.buffer_axis.push_back(-1);
      out.starts.push_back(std::nullopt);
      continue;
    }
    if (std::holds_alternative<EllipsisValue>(it.v)) {
      const std::size_t skip = x.shape.size() - consumed;
      for (std::size_t k = 0; k < skip; ++k, ++axis) keep(axis, x.shape[axis], std::nullopt, true);
      consumed += skip;
      continue;
    }
    if (axis >= x.shape.size()) return unexpected(std::string("too many indices for the tensor"));
    const Dim& extent = x.shape[axis];
    if (it.as_int()) {
      ++axis;  // selecting one index removes the axis
      continue;
    }
    if (const auto* s = std::get_if<SliceValue>(&it.v)) {
      if (s->step && !std::holds_alternative<NoneValue>(s->step->v)) {
        const IntValue* st = s->step->as_int();
        if (!st || st->dim != Dim(1)) return unexpected(std::string("a slice with a step"));
      }
      bool unknown = false;
      const auto a = bound(s->start, extent, Dim(0), unknown);
      const auto b = bound(s->stop, extent, extent, unknown);
      if (unknown) return unexpected(std::string("a slice bound that is not a known size"));
      const Dim len = *b - *a;
      keep(axis, len, *a, len == extent && *a == Dim(0));
      ++axis;
      continue;
    }
    if (const TensorValue* t = it.as_tensor()) {
      if (t->shape.size() != 1) return unexpected(std::string("indexing with a tensor of rank ") + std::to_string(t->shape.size()));
      keep(axis, t->shape.front(), t->positions ? std::optional<Dim>(t->positions->start) : std::nullopt, false);
      if (t->positions && !r.positions) r.positions = t->positions;
      ++axis;
      continue;
    }
    return unexpected("an index that is " + it.to_string());
  }
  for (; axis < x.shape.size(); ++axis) keep(axis, x.shape[axis], std::nullopt, true);
  if (!axes) r.axes.clear();
  // Rows of a table of positions, sliced along its positions axis (axis 0): positions shift.
  if (x.positions && !r.positions && !out.starts.empty() && out.starts.front() && !x.shape.empty() &&
      r.shape.size() == x.shape.size()) {
    r.positions = PositionInfo{x.positions->start + *out.starts.front(), {}};
  } else if (x.positions && !r.positions) {
    r.positions = x.positions;
  }
  return out;
}

Value Interpreter::eval_subscript(const Node& node, Env& env) {
  const Value base = eval(node.field("value"), env);
  std::vector<Value> items;
  for (const Node& s : node.fields("subscript")) items.push_back(eval(s, env));
  if (items.size() == 1) {
    if (const TupleValue* t = items.front().as_tuple(); t && !t->homogeneous) items = t->items;
  }
  const CodeLocation at = location(node, env);
  if (const TupleValue* tuple = base.as_tuple(); tuple && items.size() == 1) {
    const auto n = static_cast<std::int64_t>(tuple->items.size());
    if (tuple->homogeneous) return tuple->items.empty() ? Value::unknown("empty list") : tuple->items.front();
    if (const IntValue* k = items.front().as_int()) {
      if (auto c = k->dim.constant_value()) {
        const std::int64_t idx = *c < 0 ? *c + n : *c;
        if (idx >= 0 && idx < n) return tuple->items[static_cast<std::size_t>(idx)];
      }
    }
    if (const auto* s = std::get_if<SliceValue>(&items.front().v)) {
      auto index_of = [&](const std::shared_ptr<Value>& v, std::int64_t absent) -> std::optional<std::int64_t> {
        if (!v || std::holds_alternative<NoneValue>(v->v)) return absent;
        auto c = v->as_int() ? v->as_int()->dim.constant_value() : std::nullopt;
        if (!c) return std::nullopt;
        return std::clamp<std::int64_t>(*c < 0 ? *c + n : *c, 0, n);
      };
      const auto a = index_of(s->start, 0);
      const auto b = index_of(s->stop, n);
      if (a && b && !s->step) {
        TupleValue out;
        for (std::int64_t k = *a; k < *b; ++k) out.items.push_back(tuple->items[static_cast<std::size_t>(k)]);
        return Value{out};
      }
    }
    return Value::unknown("subscript " + std::string(node.text()) + " of a tuple", node.start());
  }
  if (const TensorValue* t = base.as_tensor()) {
    auto view = index_op(materialize(*t), items);
    if (!view) {
      gave_up(at, "indexing " + std::string(node.text()) + ": " + view.error());
      return Value::unknown(view.error(), node.start());
    }
    TensorValue r = view->result;
    if (r.positions && !r.positions->at.known() && !t->positions.has_value()) r.positions->at = at;
    if (t->positions && view->starts.size() == t->shape.size() && view->starts.front() &&
        r.positions && !r.positions->at.known()) {
      r.positions->at = at;
    }
    r = materialize(r);
    trace(at, "getitem", ws_.line(at.file, at.at.line), shape_text(r.shape));
    return Value{r};
  }
  if (base.is_unknown()) {
    // Rows of a table of positions whose width is not known: the positions still shift.
    if (const auto p = positions_of(base); p && !items.empty()) {
      if (const auto* s = std::get_if<SliceValue>(&items.front().v)) {
        const sym::Dim start = s->start && s->start->as_int() ? s->start->as_int()->dim : sym::Dim(0);
        if (!s->start || s->start->as_int() || std::holds_alternative<NoneValue>(s->start->v)) {
          return with_positions(base, PositionInfo{p->start + start, at});
        }
      }
      if (const TensorValue* t = items.front().as_tensor(); t && t->positions) {
        return with_positions(base, PositionInfo{p->start + t->positions->start, at});
      }
    }
    return base;
  }
  return Value::unknown("subscript of " + base.to_string(), node.start());
}

void Interpreter::assign_item(const Node& target, const Value& value, Env& env) {
  const Value base = eval(target.field("value"), env);
  const TensorValue* t = base.as_tensor();
  if (!t) return;  // a list, a dict: nothing a cache depends on
  std::vector<Value> items;
  for (const Node& s : target.fields("subscript")) items.push_back(eval(s, env));
  if (items.size() == 1) {
    if (const TupleValue* tuple = items.front().as_tuple(); tuple && !tuple->homogeneous) items = tuple->items;
  }
  const CodeLocation at = location(target, env);
  auto view = index_op(*t, items);
  if (!view) {
    gave_up(at, "slice assignment " + std::string(target.text()) + ": " + view.error());
    return;
  }
  const TensorValue* v = value.as_tensor();
  if (!v) {
    if (value.is_unknown()) gave_up(at, "the value written into " + std::string(target.text()) + " is not known");
    return;
  }
  TensorValue region = view->result;
  cache_write(*this, *t, region, materialize(*v), view->starts, at, "slice assignment",
              ws_.line(at.file, at.at.line));
}

}  // namespace kvcheck::scan
