// ExpressionEvaluator: names, attributes, literals, arithmetic and conditionals over sizes.
#include "kvcheck/scan/expression_eval.hpp"

#include <charconv>

#include "kvcheck/scan/config_names.hpp"

namespace kvcheck::scan {
namespace {

bool same(const Value& a, const Value& b) {
  const IntValue* x = a.as_int();
  const IntValue* y = b.as_int();
  if (x && y) return x->dim == y->dim;
  return a.to_string() == b.to_string() && !a.is_unknown();
}

/// Python integer literal (decimal, with underscores), or nothing.
std::optional<std::int64_t> int_literal(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c != '_') digits += c;
  }
  std::int64_t v = 0;
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec != std::errc() || end != digits.data() + digits.size()) return std::nullopt;
  return v;
}

/// The one operand of `X is None` / `X is not None`, and which of the two it is.
std::optional<std::pair<Node, bool>> none_test(const Node& cond) {
  if (cond.kind() != "comparison_operator") return std::nullopt;
  const auto operands = cond.children();
  if (operands.size() != 2 || operands[1].kind() != "none") return std::nullopt;
  const std::string_view text = cond.text();
  const bool negated = text.find(" is not ") != std::string_view::npos;
  if (!negated && text.find(" is ") == std::string_view::npos) return std::nullopt;
  return std::pair{operands[0], negated};
}

}  // namespace

bool is_config_object_name(const std::string& name) {
  static const std::set<std::string> kNames = {"args", "config", "params", "model_args",
                                               "cfg", "model_config", "hparams", "conf"};
  return kNames.count(name) != 0;
}

Frame ExpressionEvaluator::frame_of(const Scope& scope) {
  Frame f;
  f.scope = &scope;
  if (scope.kind() == Scope::Kind::kFunction && scope.parent() &&
      scope.parent()->kind() == Scope::Kind::kClass && !scope.parameters().empty()) {
    f.self_class = scope.parent();
    f.self_name = scope.parameters().front().name;
  }
  return f;
}

Value ExpressionEvaluator::evaluate(const Node& expr, const Frame& frame) {
  if (expr.is_null()) return Value::unknown("no expression");
  if (depth_ >= kMaxDepth) {
    return Value::unknown("values nested deeper than " + std::to_string(kMaxDepth), expr.start());
  }
  ++depth_;
  struct Leave {
    int& d;
    ~Leave() { --d; }
  } leave{depth_};
  const std::string_view kind = expr.kind();
  if (kind == "integer") {
    if (auto v = int_literal(expr.text())) return Value::integer(sym::Dim(*v));
    return Value::unknown("integer literal " + std::string(expr.text()) + " is not modelled", expr.start());
  }
  if (kind == "none") return Value{NoneValue{}};
  if (kind == "true" || kind == "false") return Value{BoolValue{kind == "true"}};
  if (kind == "identifier") return evaluate_name(expr, std::string(expr.text()), frame);
  if (kind == "attribute") return evaluate_attribute(expr, frame);
  if (kind == "binary_operator") return evaluate_binary(expr, frame);
  if (kind == "conditional_expression") return evaluate_conditional(expr, frame);
  if (kind == "parenthesized_expression") {
    const auto inner = expr.children();
    return inner.size() == 1 ? evaluate(inner.front(), frame) : Value::unknown("empty parentheses");
  }
  if (kind == "unary_operator") {
    const Value operand = evaluate(expr.field("argument"), frame);
    const std::string_view op = expr.field("operator").text();
    if (const IntValue* i = operand.as_int()) {
      if (op == "-") return Value::integer(-i->dim);
      if (op == "+") return operand;
    }
    return Value::unknown("unary " + std::string(op) + " of " + operand.to_string(), expr.start());
  }
  if (kind == "tuple" || kind == "expression_list" || kind == "list") {
    TupleValue t;
    for (const Node& item : expr.children()) t.items.push_back(evaluate(item, frame));
    return Value{t};
  }
  if (kind == "subscript") {
    const Value base = evaluate(expr.field("value"), frame);
    const auto* tuple = std::get_if<TupleValue>(&base.v);
    const Value index = evaluate(expr.field("subscript"), frame);
    const IntValue* at = index.as_int();
    if (tuple && at) {
      if (auto k = at->dim.constant_value()) {
        const auto n = static_cast<std::int64_t>(tuple->items.size());
        const std::int64_t idx = *k < 0 ? *k + n : *k;
        if (idx >= 0 && idx < n) return tuple->items[static_cast<std::size_t>(idx)];
      }
    }
    return Value::unknown("subscript " + std::string(expr.text()) + " is not modelled", expr.start());
  }
  if (kind == "call") return evaluate_call(expr, frame);
  return Value::unknown(std::string(kind) + " is not modelled", expr.start());
}

Value ExpressionEvaluator::evaluate_name(const Node& node, const std::string& name,
                                         const Frame& frame) {
  if (auto it = frame.locals.find(name); it != frame.locals.end()) return it->second;
  const std::vector<Binding>* bindings = frame.scope ? frame.scope->lookup(name) : nullptr;
  if (!bindings || bindings->empty()) {
    return Value::unknown("'" + name + "' is not defined in the scanned code", node.start());
  }
  std::vector<Value> values;
  for (const Binding& b : *bindings) values.push_back(evaluate_binding(b, node, frame));
  return join(values, node, "'" + name + "'");
}

Value ExpressionEvaluator::evaluate_binding(const Binding& b, const Node& use, const Frame& frame) {
  switch (b.kind) {
    case BindingKind::kImport:
      return Value{ModuleValue{b.target}};
    case BindingKind::kClass:
    case BindingKind::kFunction:
      return Value::unknown("'" + b.name + "' is a " +
                                (b.kind == BindingKind::kClass ? "class" : "function") +
                                ", not a size",
                            use.start());
    case BindingKind::kParameter: {
      if (auto size = config_size(b.name)) return Value::integer(*size);
      if (is_config_object_name(b.name)) return Value{ConfigValue{b.name}};
      if (!b.default_value.is_null() && b.default_value.kind() != "none") {
        return evaluate(b.default_value, b.scope ? frame_of(*b.scope) : frame);
      }
      return Value::unknown("parameter '" + b.name + "' is only known at its call site", use.start());
    }
    case BindingKind::kVariable:
      break;
  }
  const auto key = std::pair{b.node.start().line, b.node.start().column};
  if (active_.count(key)) {
    return Value::unknown("'" + b.name + "' is defined in terms of itself", use.start());
  }
  active_.insert(key);
  Frame at = b.scope ? frame_of(*b.scope) : frame;
  if (b.scope == frame.scope) at.locals = frame.locals;
  Value v = evaluate(b.node, at);
  active_.erase(key);
  if (b.unpack == -1) return v;
  // `a, b = f()`: the name is one element of the value.
  const auto* tuple = std::get_if<TupleValue>(&v.v);
  if (b.unpack >= 0 && tuple && static_cast<std::size_t>(b.unpack) < tuple->items.size()) {
    return tuple->items[static_cast<std::size_t>(b.unpack)];
  }
  if (v.is_unknown()) return v;
  return Value::unknown("cannot unpack " + v.to_string() + " into '" + b.name + "'", use.start());
}

Value ExpressionEvaluator::evaluate_attribute(const Node& node, const Frame& frame) {
  const Node object = node.field("object");
  const std::string attr(node.field("attribute").text());
  if (object.kind() == "identifier" && frame.self_class && object.text() == frame.self_name) {
    const auto& attrs = frame.self_class->instance_attributes();
    auto it = attrs.find(attr);
    if (it == attrs.end()) {
      // A class attribute (`scale = 1.0` in the class body) read through self.
      auto cls = frame.self_class->names().find(attr);
      if (cls == frame.self_class->names().end()) {
        return Value::unknown("self." + attr + " is never assigned in the class", node.start());
      }
      std::vector<Value> values;
      for (const Binding& b : cls->second) values.push_back(evaluate_binding(b, node, frame));
      return join(values, node, "self." + attr);
    }
    std::vector<Value> values;
    for (const Binding& b : it->second) values.push_back(evaluate_binding(b, node, frame));
    return join(values, node, "self." + attr);
  }
  const Value base = evaluate(object, frame);
  if (std::holds_alternative<ConfigValue>(base.v)) {
    if (auto size = config_size(attr)) return Value::integer(*size);
    return Value::unknown("config attribute '" + attr + "' is not a size kvcheck knows", node.start());
  }
  if (const auto* m = std::get_if<ModuleValue>(&base.v)) return Value{ModuleValue{m->dotted + "." + attr}};
  if (const auto* t = std::get_if<TensorValue>(&base.v); t && attr == "shape") {
    TupleValue sizes;
    for (const sym::Dim& d : t->shape) sizes.items.push_back(Value::integer(d));
    return Value{sizes};
  }
  if (base.is_unknown()) return base;
  return Value::unknown("attribute " + attr + " of " + base.to_string(), node.start());
}

Value ExpressionEvaluator::evaluate_call(const Node& node, const Frame& frame) {
  const Node fn = node.field("function");
  std::vector<Node> positional;
  for (const Node& a : node.field("arguments").children()) {
    if (a.kind() != "keyword_argument") positional.push_back(a);
  }
  if (fn.kind() == "identifier" && fn.text() == "int" && positional.size() == 1) {
    const Value v = evaluate(positional.front(), frame);
    if (v.as_int()) return v;
  }
  // x.size(d) / x.size() of a tensor whose shape is known.
  if (fn.kind() == "attribute" && fn.field("attribute").text() == "size") {
    const Value t = evaluate(fn.field("object"), frame);
    if (const auto* tensor = std::get_if<TensorValue>(&t.v)) {
      if (positional.empty()) {
        TupleValue sizes;
        for (const sym::Dim& d : tensor->shape) sizes.items.push_back(Value::integer(d));
        return Value{sizes};
      }
      const Value d = evaluate(positional.front(), frame);
      const auto k = d.as_int() ? d.as_int()->dim.constant_value() : std::nullopt;
      const auto rank = static_cast<std::int64_t>(tensor->shape.size());
      if (k && *k >= -rank && *k < rank) {
        return Value::integer(tensor->shape[static_cast<std::size_t>(*k < 0 ? *k + rank : *k)]);
      }
    }
  }
  const Value callee = evaluate(fn, frame);
  const auto* module = std::get_if<ModuleValue>(&callee.v);
  if (!module) {
    return Value::unknown("call " + std::string(fn.text()) + "(...) is not a size kvcheck models",
                          node.start());
  }
  const std::string& name = module->dotted;
  auto sizes_from = [&](std::size_t count) -> std::optional<std::vector<sym::Dim>> {
    // torch.zeros(a, b, c) or torch.zeros((a, b, c)) / torch.zeros([a, b, c]).
    std::vector<Value> items;
    if (count == 1 && !positional.empty()) {
      const Value one = evaluate(positional.front(), frame);
      if (const auto* t = std::get_if<TupleValue>(&one.v)) {
        items = t->items;
      } else {
        items = {one};
      }
    } else {
      for (std::size_t k = 0; k < count; ++k) items.push_back(evaluate(positional[k], frame));
    }
    std::vector<sym::Dim> out;
    for (const Value& v : items) {
      if (!v.as_int()) return std::nullopt;
      out.push_back(v.as_int()->dim);
    }
    return out;
  };
  static const std::set<std::string> kAllocations = {"torch.zeros", "torch.empty", "torch.ones",
                                                     "torch.full", "torch.randn", "torch.rand"};
  if (kAllocations.count(name)) {
    // torch.full(size, fill_value): the sizes are its first argument only.
    const bool full = name == "torch.full";
    const std::size_t count = full || positional.size() == 1 ? 1 : positional.size();
    if (positional.empty()) return Value::unknown(name + "() without sizes", node.start());
    if (auto sizes = sizes_from(count)) return Value{TensorValue{*sizes, name, node.start()}};
    return Value::unknown("a size of " + name + "(...) is not known", node.start());
  }
  if (name == "torch.nn.Linear" && positional.size() >= 2) {
    const Value in = evaluate(positional[0], frame);
    const Value out = evaluate(positional[1], frame);
    if (in.as_int() && out.as_int()) return Value{LinearValue{in.as_int()->dim, out.as_int()->dim}};
    return Value::unknown("nn.Linear sizes are not known", node.start());
  }
  return Value::unknown("call " + name + "(...) is not modelled", node.start());
}

Value ExpressionEvaluator::evaluate_binary(const Node& node, const Frame& frame) {
  const Value a = evaluate(node.field("left"), frame);
  const Value b = evaluate(node.field("right"), frame);
  const std::string op(node.field("operator").text());
  const IntValue* x = a.as_int();
  const IntValue* y = b.as_int();
  if (!x || !y) {
    if (a.is_unknown()) return a;
    if (b.is_unknown()) return b;
    return Value::unknown(a.to_string() + " " + op + " " + b.to_string() + " is not a size", node.start());
  }
  if (op == "+") return Value::integer(x->dim + y->dim);
  if (op == "-") return Value::integer(x->dim - y->dim);
  if (op == "*") return Value::integer(x->dim * y->dim);
  if (op == "//" || op == "%") {
    auto q = sym::exact_div(x->dim, y->dim);
    if (q) return Value::integer(op == "//" ? *q : sym::Dim(0));
    return Value::unknown(x->dim.to_string() + " " + op + " " + y->dim.to_string() +
                              " is not exact for every configuration",
                          node.start());
  }
  return Value::unknown("operator " + op + " on sizes is not modelled", node.start());
}

Value ExpressionEvaluator::evaluate_conditional(const Node& node, const Frame& frame) {
  const auto parts = node.children();  // consequence, condition, alternative
  if (parts.size() != 3) return Value::unknown("conditional expression", node.start());
  const Value then_value = evaluate(parts[0], frame);
  const Value else_value = evaluate(parts[2], frame);
  if (same(then_value, else_value)) return then_value;
  // `A if cfg.x is None else cfg.x`: the config gives x, and A is its default. The sizes
  // the config gives include A's case, so the given one stands for both.
  if (auto test = none_test(parts[1])) {
    const Value tested = evaluate(test->first, frame);
    if (tested.as_int()) return test->second ? then_value : else_value;
  }
  return join({then_value, else_value}, node, "the conditional");
}

Value ExpressionEvaluator::join(const std::vector<Value>& values, const Node& at,
                                const std::string& what) {
  if (values.empty()) return Value::unknown(what + " has no value", at.start());
  // An unknown among the values makes the whole unknown, for the first reason.
  for (const Value& v : values) {
    if (v.is_unknown()) return v;
  }
  for (const Value& v : values) {
    if (!same(v, values.front())) {
      return Value::unknown(what + " is " + values.front().to_string() + " or " + v.to_string(),
                            at.start());
    }
  }
  return values.front();
}

}  // namespace kvcheck::scan
