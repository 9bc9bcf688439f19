// Interpreter: expressions (names, attributes, calls, arithmetic on sizes, comparisons,
// sequences and comprehensions) and the builtins attention code uses.
#include <algorithm>
#include <charconv>

#include "kvcheck/scan/attention_rules.hpp"
#include "kvcheck/scan/config_names.hpp"
#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/tensor_ops.hpp"
#include "kvcheck/scan/torch_api.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;

/// Python integer literal (decimal, hex, with underscores), or nothing.
std::optional<std::int64_t> int_literal(std::string_view text) {
  std::string digits;
  for (const char c : text) {
    if (c != '_') digits += c;
  }
  int base = 10;
  std::size_t from = 0;
  if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
    base = 16;
    from = 2;
  }
  std::int64_t v = 0;
  const char* b = digits.data() + from;
  const char* e = digits.data() + digits.size();
  const auto [end, ec] = std::from_chars(b, e, v, base);
  if (ec != std::errc() || end != e) return std::nullopt;
  return v;
}

/// The contents of a string literal without its prefix and quotes.
std::string string_literal(std::string_view text) {
  std::size_t k = 0;
  while (k < text.size() && text[k] != '\'' && text[k] != '"') ++k;
  text.remove_prefix(k);
  for (const char* q : {"\"\"\"", "'''", "\"", "'"}) {
    const std::string_view quote(q);
    if (text.size() >= 2 * quote.size() && text.substr(0, quote.size()) == quote &&
        text.substr(text.size() - quote.size()) == quote) {
      return std::string(text.substr(quote.size(), text.size() - 2 * quote.size()));
    }
  }
  return std::string(text);
}

bool is_tensor(const Value& v) { return v.as_tensor() != nullptr; }

Value bool_value(bool b) { return Value{BoolValue{b}}; }

std::optional<std::int64_t> constant(const Value& v) {
  return v.as_int() ? v.as_int()->dim.constant_value() : std::nullopt;
}

/// Sizes arithmetic: exact, or Unknown with the reason.
Value size_arith(const std::string& op, const Dim& x, const Dim& y, SourceLocation at) {
  if (op == "+") return Value::integer(x + y);
  if (op == "-") return Value::integer(x - y);
  if (op == "*") return Value::integer(x * y);
  if (op == "//" || op == "%" || op == "/") {
    if (auto q = sym::exact_div(x, y)) return Value::integer(op == "%" ? Dim(0) : *q);
    auto cx = x.constant_value();
    auto cy = y.constant_value();
    if (cx && cy && *cy != 0 && op != "/") {
      const std::int64_t q = *cx / *cy - ((*cx % *cy != 0) && ((*cx < 0) != (*cy < 0)) ? 1 : 0);
      return Value::integer(op == "//" ? Dim(q) : Dim(*cx - q * *cy));
    }
    return Value::unknown(x.to_string() + " " + op + " " + y.to_string() +
                              " is not exact for every configuration",
                          at);
  }
  if (op == "**") {
    auto cy = y.constant_value();
    if (cy && *cy >= 0 && *cy <= 8) {
      Dim r(1);
      for (std::int64_t k = 0; k < *cy; ++k) r *= x;
      return Value::integer(r);
    }
  }
  return Value::unknown("operator " + op + " on sizes is not modelled", at);
}

}  // namespace

Value Interpreter::eval(const Node& expr, Env& env) {
  if (expr.is_null()) return Value::unknown("no expression");
  // Expressions nested deeper than this (a file of brackets) are Unknown, not a deep stack.
  if (eval_depth_ >= kMaxExpressionDepth) {
    gave_up(location(expr, env), "expression nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
    return Value::unknown("expression nested too deep", expr.start());
  }
  struct Depth {
    int& d;
    explicit Depth(int& x) : d(x) { ++d; }
    ~Depth() { --d; }
  } depth_guard(eval_depth_);
  if (++steps_ > kMaxSteps) {
    if (!budget_noted_) {
      budget_noted_ = true;
      gave_up(location(expr, env), "the analysis budget of " + std::to_string(kMaxSteps) +
                                       " steps per site is spent; the rest is not analysed");
    }
    return Value::unknown("analysis budget spent", expr.start());
  }
  const std::string_view kind = expr.kind();
  if (kind == "integer") {
    if (auto v = int_literal(expr.text())) return Value::integer(Dim(*v));
    return Value::unknown("integer literal " + std::string(expr.text()) + " is not modelled", expr.start());
  }
  if (kind == "float") return Value::unknown("a float", expr.start());
  if (kind == "string") return Value{StrValue{string_literal(expr.text())}};
  if (kind == "concatenated_string") {
    std::string s;
    for (const Node& part : expr.children()) s += string_literal(part.text());
    return Value{StrValue{s}};
  }
  if (kind == "none") return Value{NoneValue{}};
  if (kind == "true" || kind == "false") return bool_value(kind == "true");
  if (kind == "ellipsis") return Value{EllipsisValue{}};
  if (kind == "identifier") return eval_name(expr, std::string(expr.text()), env);
  if (kind == "attribute") return eval_attribute(expr, env);
  if (kind == "call") return eval_call(expr, env);
  if (kind == "binary_operator") return eval_binary(expr, env);
  if (kind == "augmented_assignment") return eval_binary(expr, env);
  if (kind == "comparison_operator") return eval_compare(expr, env);
  if (kind == "boolean_operator") return eval_boolean(expr, env);
  if (kind == "not_operator") {
    const auto t = truth_of(eval(expr.field("argument"), env));
    return t ? bool_value(!*t) : Value::unknown("'not' of an unknown truth", expr.start());
  }
  if (kind == "conditional_expression") return eval_conditional(expr, env);
  if (kind == "parenthesized_expression") {
    const auto inner = expr.children();
    return inner.size() == 1 ? eval(inner.front(), env) : Value::unknown("empty parentheses");
  }
  if (kind == "unary_operator") {
    const Value operand = eval(expr.field("argument"), env);
    const std::string_view op = expr.field("operator").text();
    if (const IntValue* i = operand.as_int()) {
      if (op == "-") return Value::integer(-i->dim);
      if (op == "+") return operand;
    }
    if (is_tensor(operand)) return operand;
    return Value::unknown("unary " + std::string(op) + " of " + operand.to_string(), expr.start());
  }
  if (kind == "tuple" || kind == "expression_list" || kind == "list") return eval_sequence(expr, env);
  if (kind == "list_comprehension" || kind == "generator_expression") return eval_comprehension(expr, env);
  if (kind == "subscript") return eval_subscript(expr, env);
  if (kind == "slice") {
    SliceValue s;
    // tree-sitter gives the bounds as children in order, with ':' tokens unnamed.
    std::vector<std::shared_ptr<Value>> parts(3);
    int slot = 0;
    for (const Node& c : expr.all_children()) {
      if (!c.is_named()) {
        if (c.kind() == ":") ++slot;
        continue;
      }
      if (slot < 3) parts[static_cast<std::size_t>(slot)] = std::make_shared<Value>(eval(c, env));
    }
    s.start = parts[0];
    s.stop = parts[1];
    s.step = parts[2];
    return Value{s};
  }
  if (kind == "await") {
    const auto inner = expr.children();
    return inner.empty() ? Value::unknown("await") : eval(inner.front(), env);
  }
  if (kind == "named_expression") {
    const Value v = eval(expr.field("value"), env);
    env.locals[std::string(expr.field("name").text())] = v;
    return v;
  }
  return Value::unknown(std::string(kind) + " is not modelled", expr.start());
}

Value Interpreter::eval_name(const Node& node, const std::string& name, Env& env) {
  if (auto it = env.locals.find(name); it != env.locals.end()) return it->second;
  if (env.captured) {
    if (auto it = env.captured->find(name); it != env.captured->end()) return it->second;
  }
  if (env.module) {
    if (env.module->state == Module::State::kLoaded || env.module->state == Module::State::kLoading) {
      if (auto it = env.module->globals.find(name); it != env.module->globals.end()) return it->second;
    } else if (const Value* g = global(*env.module, name)) {
      return *g;
    }
  }
  return Value::unknown("'" + name + "' is not defined in the scanned code", node.start());
}

Value Interpreter::eval_attribute(const Node& node, Env& env) {
  const Node object_node = node.field("object");
  const std::string attr(node.field("attribute").text());
  const Value object = eval(object_node, env);
  const CodeLocation at = location(node, env);
  if (const auto* o = std::get_if<ObjectValue>(&object.v)) return attribute(o->object, attr, at);
  if (std::holds_alternative<ConfigValue>(object.v)) {
    if (auto size = config_size(attr)) return Value::integer(*size);
    if (attr.find("config") != std::string::npos) return Value{ConfigValue{attr}};
    return Value::unknown("config attribute '" + attr + "' is not a size kvcheck knows", node.start());
  }
  if (const auto* m = std::get_if<ModuleValue>(&object.v)) {
    if (m->dotted.rfind("scan:", 0) == 0) {
      if (Module* mod = ws_.by_path(m->dotted.substr(5))) {
        if (const Value* g = global(*mod, attr)) return *g;
        return Value::unknown("'" + attr + "' is not defined in " + mod->path, node.start());
      }
    }
    return Value{ModuleValue{m->dotted + "." + attr}};
  }
  if (const auto* c = std::get_if<ClassValue>(&object.v)) {
    if (const Scope* fn = c->cls->child(attr)) return Value{FunctionValue{fn, nullptr}};
    return Value::unknown("class attribute " + c->cls->name() + "." + attr, node.start());
  }
  if (const TensorValue* t = object.as_tensor()) {
    if (attr == "shape") {
      TupleValue sizes;
      for (const Dim& d : t->shape) sizes.items.push_back(Value::integer(d));
      return Value{sizes};
    }
    if (attr == "ndim") return Value::integer(Dim(static_cast<std::int64_t>(t->shape.size())));
    if (attr == "data") return object;
    if ((attr == "mT" || attr == "T") && t->shape.size() >= 2) {
      auto r = transpose_op(materialize(*t), -2, -1);
      if (r) return Value{*r};
    }
    return Value::unknown("tensor attribute ." + attr, node.start());
  }
  if (object.is_unknown()) return object;
  return Value::unknown("attribute " + attr + " of " + object.to_string(), node.start());
}

CallArgs Interpreter::evaluate_arguments(const Node& call, Env& env) {
  CallArgs args;
  args.at = location(call, env);
  args.code = ws_.line(args.at.file, args.at.at.line);
  const Node list = call.field("arguments");
  if (list.kind() == "generator_expression") {
    args.positional.push_back(eval(list, env));
    return args;
  }
  for (const Node& a : list.children()) {
    const std::string_view kind = a.kind();
    if (kind == "keyword_argument") {
      args.keywords.emplace_back(std::string(a.field("name").text()), eval(a.field("value"), env));
    } else if (kind == "list_splat") {
      const auto inner = a.children();
      const Value v = inner.empty() ? Value::unknown("*") : eval(inner.front(), env);
      if (const TupleValue* t = v.as_tuple(); t && !t->homogeneous) {
        for (const Value& item : t->items) args.positional.push_back(item);
      } else {
        args.splat = true;
      }
    } else if (kind == "dictionary_splat") {
      args.splat = true;
    } else if (kind != "comment") {
      args.positional.push_back(eval(a, env));
    }
  }
  return args;
}

Value Interpreter::eval_call(const Node& node, Env& env) {
  const Node fn = node.field("function");
  if (fn.kind() == "attribute") {
    const Node object_node = fn.field("object");
    const std::string name(fn.field("attribute").text());
    const Value object = eval(object_node, env);
    CallArgs args = evaluate_arguments(node, env);
    return call_method(object, name, args, env, node);
  }
  CallArgs args = evaluate_arguments(node, env);
  if (fn.kind() == "identifier") {
    const std::string name(fn.text());
    if (!env.locals.count(name) && !(env.captured && env.captured->count(name)) &&
        !(env.module && env.module->globals.count(name))) {
      bool handled = false;
      Value v = eval_builtin(name, args, node, env, handled);
      if (handled) return v;
    }
  }
  const Value callee = eval(fn, env);
  return call(callee, args, env);
}

Value Interpreter::call(const Value& callee, CallArgs& args, Env& caller) {
  if (const auto* f = std::get_if<FunctionValue>(&callee.v)) {
    return call_function(*f->function, f->self, args, caller.module, nullptr);
  }
  if (const auto* c = std::get_if<ClassValue>(&callee.v)) return construct(*c->cls, caller.module, args);
  if (const auto* o = std::get_if<ObjectValue>(&callee.v)) {
    if (o->object->class_name == "torch.nn.Embedding") {
      const TensorValue* ids = args.positional.empty() ? nullptr : args.positional.front().as_tensor();
      const Value& width = o->object->attributes["embedding_dim"];
      if (ids && width.as_int()) {
        std::vector<sym::Dim> shape = ids->shape;
        shape.push_back(width.as_int()->dim);
        TensorValue t = fresh_tensor(shape, "embedding");
        trace(args.at, "embedding", args.code, shape_text(t.shape));
        return Value{t};
      }
      return Value::unknown("embedding of values that are not known", args.at.at);
    }
    if (o->object->library) {
      // Library modules whose output has the input's shape (norms, dropout, activations).
      if (!args.positional.empty() && is_tensor(args.positional.front())) return args.positional.front();
      return Value::unknown(o->object->class_name + "(...) is not modelled", args.at.at);
    }
    const Value forward = attribute(o->object, "forward", args.at);
    if (const auto* f = std::get_if<FunctionValue>(&forward.v)) {
      return call_function(*f->function, o->object, args, caller.module, nullptr);
    }
    return Value::unknown(o->object->class_name + " has no forward", args.at.at);
  }
  if (const auto* m = std::get_if<ModuleValue>(&callee.v)) {
    if (auto v = call_library(*this, m->dotted, args)) return *v;
    gave_up(args.at, m->dotted + "(...) is not in kvcheck's API table");
    return Value::unknown(m->dotted + "(...) is not modelled", args.at.at);
  }
  if (const auto* l = std::get_if<LinearValue>(&callee.v)) {
    const Value* x = args.arg(0, "input");
    if (x && x->as_tensor()) {
      auto r = linear_op(materialize(*x->as_tensor()), *l);
      if (r) {
        trace(args.at, "linear", args.code, shape_text(r->shape));
        return Value{*r};
      }
      gave_up(args.at, r.error().message);
    }
    return Value::unknown("linear of a value that is not a known tensor", args.at.at);
  }
  if (callee.is_unknown()) {
    gave_up(args.at, callee.as_unknown()->reason);
    return callee;
  }
  return Value::unknown(callee.to_string() + " is not callable", args.at.at);
}

Value Interpreter::call_method(const Value& object, const std::string& name, CallArgs& args,
                               Env& env, const Node& node) {
  if (const TensorValue* t = object.as_tensor()) {
    if (auto v = call_tensor_method(*this, materialize(*t), object, name, args)) return *v;
    gave_up(args.at, "Tensor." + name + "(...) is not in kvcheck's API table");
    return Value::unknown("Tensor." + name + " is not modelled", node.start());
  }
  if (const auto* o = std::get_if<ObjectValue>(&object.v)) {
    if (o->object->class_name == "super") return Value{NoneValue{}};
    if (name == "register_buffer" && args.positional.size() >= 2) {
      if (const auto* s = std::get_if<StrValue>(&args.positional[0].v)) {
        Value buf = args.positional[1];
        if (TensorValue* t = std::get_if<TensorValue>(&buf.v); t && t->buffer >= 0) {
          buffer(t->buffer).name = "self." + s->value;
        }
        o->object->attributes[s->value] = buf;
      }
      return Value{NoneValue{}};
    }
    const Value m = attribute(o->object, name, args.at);
    if (std::holds_alternative<FunctionValue>(m.v) || std::holds_alternative<ObjectValue>(m.v) ||
        std::holds_alternative<LinearValue>(m.v)) {
      return call(m, args, env);
    }
    if (o->object->library) return Value::unknown(o->object->class_name + "." + name + "(...)", node.start());
    if (m.is_unknown()) gave_up(args.at, m.as_unknown()->reason);
    return m.is_unknown() ? m : Value::unknown(name + " is not callable", node.start());
  }
  if (const auto* c = std::get_if<HfCacheValue>(&object.v)) {
    if (auto v = call_hf_cache(*this, *c, name, args)) return *v;
    gave_up(args.at, "cache." + name + "(...) is not modelled");
    return Value::unknown("cache." + name, node.start());
  }
  if (const auto* m = std::get_if<ModuleValue>(&object.v)) {
    Value callee = m->dotted.rfind("scan:", 0) == 0 ? Value::unknown("") : Value{ModuleValue{m->dotted + "." + name}};
    if (m->dotted.rfind("scan:", 0) == 0) {
      if (Module* mod = ws_.by_path(m->dotted.substr(5))) {
        if (const Value* g = global(*mod, name)) callee = *g;
      }
    }
    return call(callee, args, env);
  }
  if (const auto* c = std::get_if<ClassValue>(&object.v)) {
    if (const Scope* fn = c->cls->child(name)) return call_function(*fn, nullptr, args, env.module, nullptr);
  }
  if (const auto* l = std::get_if<LinearValue>(&object.v); l && name == "forward") return call(object, args, env);
  if (object.is_unknown()) return object;
  return Value::unknown("method ." + name + " of " + object.to_string(), node.start());
}

Value Interpreter::eval_builtin(const std::string& name, CallArgs& args, const Node& node,
                                Env& env, bool& handled) {
  handled = true;
  const SourceLocation at = node.start();
  const Value* first = args.positional.empty() ? nullptr : &args.positional.front();
  if (name == "len" && first) {
    if (const TupleValue* t = first->as_tuple()) {
      if (!t->homogeneous) return Value::integer(Dim(static_cast<std::int64_t>(t->items.size())));
      if (t->count) return Value::integer(*t->count);
    }
    if (const TensorValue* t = first->as_tensor(); t && !t->shape.empty()) return Value::integer(t->shape.front());
    return Value::unknown("len of " + first->to_string(), at);
  }
  if (name == "int" && first) return first->as_int() ? *first : Value::unknown("int(...)", at);
  if ((name == "tuple" || name == "list") && first) return first->as_tuple() ? *first : Value::unknown(name + "(...)", at);
  if (name == "range") {
    TupleValue t;
    t.homogeneous = true;
    t.items.push_back(Value::unknown("range index", at));
    if (args.positional.size() == 1 && first->as_int()) t.count = first->as_int()->dim;
    return Value{t};
  }
  if (name == "getattr" && args.positional.size() >= 2) {
    const auto* s = std::get_if<StrValue>(&args.positional[1].v);
    const Value& obj = args.positional[0];
    if (s) {
      Value v = Value::unknown("getattr");
      if (const auto* o = std::get_if<ObjectValue>(&obj.v)) v = attribute(o->object, s->value, args.at);
      if (std::holds_alternative<ConfigValue>(obj.v)) {
        if (auto size = config_size(s->value)) v = Value::integer(*size);
      }
      // A config attribute that may be absent: its default when the config has no such size.
      if (v.is_unknown() && args.positional.size() >= 3) return args.positional[2];
      return v;
    }
    return Value::unknown("getattr with a computed name", at);
  }
  if (name == "super") {
    auto inst = std::make_shared<Instance>();
    inst->library = true;
    inst->class_name = "super";
    return Value{ObjectValue{inst}};
  }
  if (name == "max" || name == "min") {
    std::vector<Value> items = args.positional;
    if (items.size() == 1 && items.front().as_tuple()) items = items.front().as_tuple()->items;
    if (!items.empty() && std::all_of(items.begin(), items.end(),
                                      [&](const Value& v) { return same_value(v, items.front()); })) {
      return items.front();
    }
    std::optional<std::int64_t> best;
    for (const Value& v : items) {
      auto c = constant(v);
      if (!c) return Value::unknown(name + " of sizes that are not all constants", at);
      best = !best ? *c : (name == "max" ? std::max(*best, *c) : std::min(*best, *c));
    }
    if (best) return Value::integer(Dim(*best));
    return Value::unknown(name + "()", at);
  }
  if (name == "isinstance" || name == "hasattr" || name == "callable") return Value::unknown(name, at);
  if (name == "print" || name == "setattr") return Value{NoneValue{}};
  if (name == "float" || name == "abs" || name == "round" || name == "sum" || name == "enumerate" ||
      name == "zip" || name == "dict" || name == "str" || name == "type" || name == "sorted" ||
      name == "reversed" || name == "any" || name == "all" || name == "bool" || name == "iter" ||
      name == "next" || name == "repr") {
    return Value::unknown(name + "(...)", at);
  }
  (void)env;
  handled = false;
  return Value::unknown(name);
}

Value Interpreter::eval_binary(const Node& node, Env& env) {
  const Value a = eval(node.field("left"), env);
  const Value b = eval(node.field("right"), env);
  std::string op(node.field("operator").text());
  if (node.kind() == "augmented_assignment" && op.size() >= 2 && op.back() == '=') op.pop_back();
  const CodeLocation at = location(node, env);
  const IntValue* x = a.as_int();
  const IntValue* y = b.as_int();
  if (x && y) return size_arith(op, x->dim, y->dim, node.start());
  const TupleValue* s = a.as_tuple();
  const TupleValue* t = b.as_tuple();
  if (op == "+" && s && t && !s->homogeneous && !t->homogeneous) {
    TupleValue out = *s;
    out.items.insert(out.items.end(), t->items.begin(), t->items.end());
    return Value{out};
  }
  if (op == "*" && s && y && s->items.size() == 1) {
    // [k] * n: n copies of one item.
    TupleValue out;
    out.items = s->items;
    out.homogeneous = true;
    out.count = y->dim;
    if (auto c = y->dim.constant_value(); c && *c >= 0 && *c <= 64) {
      out.items.assign(static_cast<std::size_t>(*c), s->items.front());
      out.homogeneous = false;
      out.count.reset();
    }
    return Value{out};
  }
  const TensorValue* ta = a.as_tensor();
  const TensorValue* tb = b.as_tensor();
  if (ta && tb) {
    if (op == "@") return tensor_matmul(*this, materialize(*ta), materialize(*tb), at, ws_.line(at.file, at.at.line));
    return tensor_elementwise(*this, op, materialize(*ta), materialize(*tb), at, ws_.line(at.file, at.at.line));
  }
  // A tensor with a scalar (or a value not known): the tensor's shape.
  if (ta && !tb && op != "@") {
    TensorValue r = derived(*ta, ta->shape, ta->axes);
    if (!r.positions) r.positions = positions_of(b);
    return Value{r};
  }
  if (tb && !ta && op != "@") {
    TensorValue r = derived(*tb, tb->shape, tb->axes);
    if (!r.positions) r.positions = positions_of(a);
    return Value{r};
  }
  if (a.is_unknown()) return positions_of(a) ? a : with_positions(a, positions_of(b));
  if (b.is_unknown()) return positions_of(b) ? b : with_positions(b, positions_of(a));
  return Value::unknown(a.to_string() + " " + op + " " + b.to_string() + " is not modelled", node.start());
}

Value Interpreter::eval_compare(const Node& node, Env& env) {
  const auto operands = node.children();
  if (operands.size() != 2) return Value::unknown("chained comparison", node.start());
  const Value a = eval(operands[0], env);
  const Value b = eval(operands[1], env);
  const std::string_view text = node.text();
  // The operator is the unnamed child between the operands.
  std::string op;
  for (const Node& c : node.all_children()) {
    if (!c.is_named()) op += (op.empty() ? "" : " ") + std::string(c.kind());
  }
  (void)text;
  const bool a_none = std::holds_alternative<NoneValue>(a.v);
  const bool b_none = std::holds_alternative<NoneValue>(b.v);
  if (op == "is" || op == "is not" || op == "==" || op == "!=") {
    const bool negate = op == "is not" || op == "!=";
    if (a_none || b_none) {
      const Value& other = a_none ? b : a;
      if (std::holds_alternative<NoneValue>(other.v)) return bool_value(!negate);
      if (truth_of(other).has_value() || is_tensor(other) || other.as_int() ||
          std::holds_alternative<StrValue>(other.v)) {
        return bool_value(negate);
      }
      return Value::unknown("whether a value is None", node.start());
    }
    if (a.as_int() && b.as_int()) {
      if (a.as_int()->dim == b.as_int()->dim) return bool_value(!negate);
      auto ca = constant(a);
      auto cb = constant(b);
      if (ca && cb) return bool_value((*ca == *cb) != negate);
      return Value::unknown(a.to_string() + " " + op + " " + b.to_string() + " depends on the configuration",
                            node.start());
    }
    const auto* sa = std::get_if<StrValue>(&a.v);
    const auto* sb = std::get_if<StrValue>(&b.v);
    if (sa && sb) return bool_value((sa->value == sb->value) != negate);
  }
  auto ca = constant(a);
  auto cb = constant(b);
  if (ca && cb) {
    if (op == "<") return bool_value(*ca < *cb);
    if (op == "<=") return bool_value(*ca <= *cb);
    if (op == ">") return bool_value(*ca > *cb);
    if (op == ">=") return bool_value(*ca >= *cb);
  }
  return Value::unknown("comparison " + std::string(node.text()), node.start());
}

Value Interpreter::eval_boolean(const Node& node, Env& env) {
  const Value a = eval(node.field("left"), env);
  const std::string op(node.field("operator").text());
  const auto ta = truth_of(a);
  if (ta && op == "and" && !*ta) return a;
  if (ta && op == "or" && *ta) return a;
  const Value b = eval(node.field("right"), env);
  if (ta) return b;  // `True and b` is b; `False or b` is b
  const auto tb = truth_of(b);
  if (tb && op == "and" && !*tb) return bool_value(false);
  if (tb && op == "or" && *tb) return bool_value(true);
  return Value::unknown("'" + op + "' of truths not known", node.start());
}

Value Interpreter::eval_conditional(const Node& node, Env& env) {
  const auto parts = node.children();  // consequence, condition, alternative
  if (parts.size() != 3) return Value::unknown("conditional expression", node.start());
  const Value cond = eval(parts[1], env);
  if (const auto t = truth_of(cond)) return eval(*t ? parts[0] : parts[2], env);
  const Value then_value = eval(parts[0], env);
  const Value else_value = eval(parts[2], env);
  if (same_value(then_value, else_value)) return then_value;
  // `A if cfg.x is None else cfg.x`: the config gives x, and A is its default. The sizes the
  // config gives include A's case, so the given one stands for both.
  if (parts[1].kind() == "comparison_operator") {
    const auto operands = parts[1].children();
    if (operands.size() == 2 && operands[1].kind() == "none") {
      const Value tested = eval(operands[0], env);
      const bool negated = parts[1].text().find(" is not ") != std::string_view::npos;
      if (tested.as_int()) return negated ? then_value : else_value;
    }
  }
  if (then_value.is_unknown()) return then_value;
  if (else_value.is_unknown()) return else_value;
  return Value::unknown("the conditional is " + then_value.to_string() + " or " + else_value.to_string(),
                        node.start());
}

Value Interpreter::eval_sequence(const Node& node, Env& env) {
  TupleValue t;
  for (const Node& item : node.children()) {
    if (item.kind() == "list_splat") {
      const auto inner = item.children();
      const Value v = inner.empty() ? Value::unknown("*") : eval(inner.front(), env);
      const TupleValue* s = v.as_tuple();
      if (!s || s->homogeneous) {
        return v.is_unknown() ? v : Value::unknown("*" + v.to_string() + " in a sequence", item.start());
      }
      t.items.insert(t.items.end(), s->items.begin(), s->items.end());
      continue;
    }
    if (item.kind() == "comment") continue;
    t.items.push_back(eval(item, env));
  }
  return Value{t};
}

Value Interpreter::eval_comprehension(const Node& node, Env& env) {
  // The body once, with the loop variables bound to one element: the items are alike
  // (layers built in a loop) or Unknown.
  Env inner = env;
  Node body = node.field("body");
  for (const Node& clause : node.children()) {
    if (clause.kind() != "for_in_clause") continue;
    const Value seq = eval(clause.field("right"), inner);
    Value item = Value::unknown("comprehension variable", clause.start());
    if (const TupleValue* t = seq.as_tuple(); t && t->homogeneous && !t->items.empty()) item = t->items.front();
    assign(clause.field("left"), item, inner, clause);
  }
  TupleValue out;
  out.homogeneous = true;
  out.items.push_back(eval(body, inner));
  return Value{out};
}

}  // namespace kvcheck::scan
