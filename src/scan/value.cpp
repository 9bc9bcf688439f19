// Value printing and constructors.
#include "kvcheck/scan/value.hpp"

#include "kvcheck/scan/binder.hpp"

namespace kvcheck::scan {

std::string CodeLocation::to_string() const {
  if (at.line <= 0) return file;
  return file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column);
}

Value Value::unknown(std::string reason, SourceLocation at) {
  return Value{UnknownValue{std::move(reason), at, std::nullopt}};
}

Value Value::integer(sym::Dim d) { return Value{IntValue{std::move(d)}}; }

Value Value::tuple(std::vector<Value> items) { return Value{TupleValue{std::move(items), false, std::nullopt}}; }

std::string Value::to_string() const {
  struct Print {
    std::string operator()(const UnknownValue& u) const { return "unknown (" + u.reason + ")"; }
    std::string operator()(const IntValue& i) const { return i.dim.to_string(); }
    std::string operator()(const NoneValue&) const { return "None"; }
    std::string operator()(const BoolValue& b) const { return b.value ? "True" : "False"; }
    std::string operator()(const StrValue& s) const { return "'" + s.value + "'"; }
    std::string operator()(const TupleValue& t) const {
      std::string out;
      for (const Value& item : t.items) out += (out.empty() ? "" : ", ") + item.to_string();
      if (t.homogeneous) return "[" + out + ", ...]";
      return "(" + out + (t.items.size() == 1 ? ",)" : ")");
    }
    std::string operator()(const SliceValue& s) const {
      auto part = [](const std::shared_ptr<Value>& p) {
        return !p || std::holds_alternative<NoneValue>(p->v) ? std::string() : p->to_string();
      };
      return part(s.start) + ":" + part(s.stop);
    }
    std::string operator()(const EllipsisValue&) const { return "..."; }
    std::string operator()(const ConfigValue& c) const { return "config " + c.name; }
    std::string operator()(const ModuleValue& m) const { return "module " + m.dotted; }
    std::string operator()(const TensorValue& t) const {
      std::string out;
      for (const sym::Dim& d : t.shape) out += (out.empty() ? "" : ", ") + d.to_string();
      return "tensor [" + out + "]";
    }
    std::string operator()(const LinearValue& l) const {
      return "Linear(" + l.in_features.to_string() + " -> " + l.out_features.to_string() + ")";
    }
    std::string operator()(const ObjectValue& o) const { return o.object->class_name + " object"; }
    std::string operator()(const FunctionValue& f) const {
      return "function " + (f.function ? f.function->name() : std::string("?"));
    }
    std::string operator()(const ClassValue& c) const {
      return "class " + (c.cls ? c.cls->name() : std::string("?"));
    }
    std::string operator()(const HfCacheValue& c) const {
      return "cache of " + c.past.to_string() + " positions";
    }
  };
  return std::visit(Print{}, v);
}

std::optional<PositionInfo> positions_of(const Value& v) {
  if (const TensorValue* t = v.as_tensor()) return t->positions;
  if (const UnknownValue* u = v.as_unknown()) return u->positions;
  return std::nullopt;
}

Value with_positions(Value v, const std::optional<PositionInfo>& p) {
  if (!p) return v;
  if (auto* t = std::get_if<TensorValue>(&v.v)) t->positions = p;
  if (auto* u = std::get_if<UnknownValue>(&v.v)) u->positions = p;
  return v;
}

bool same_value(const Value& a, const Value& b) {
  const IntValue* x = a.as_int();
  const IntValue* y = b.as_int();
  if (x && y) return x->dim == y->dim;
  const TensorValue* s = a.as_tensor();
  const TensorValue* t = b.as_tensor();
  if (s && t) return s->shape == t->shape && s->axes == t->axes && s->buffer == t->buffer;
  const auto* o = std::get_if<ObjectValue>(&a.v);
  const auto* p = std::get_if<ObjectValue>(&b.v);
  if (o && p) return o->object == p->object;
  return !a.is_unknown() && a.to_string() == b.to_string();
}

}  // namespace kvcheck::scan
