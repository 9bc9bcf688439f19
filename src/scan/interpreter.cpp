// Interpreter: statements, calls into the scanned code, objects, and recording.
#include "kvcheck/scan/interpreter.hpp"

#include <algorithm>

#include "kvcheck/scan/attention_rules.hpp"
#include "kvcheck/scan/config_names.hpp"

namespace kvcheck::scan {
namespace {

/// A class with fields and no methods (a @dataclass of sizes, a NamedTuple).
bool is_record(const Scope& cls) { return cls.children().empty() && !cls.names().empty(); }

/// Names under which a class holds a model config rather than modules.
/// Rotary embedding helpers by their conventional names (apply_rotary_emb,
/// apply_rotary_pos_emb, apply_rope, rotate_half is not one: it is followed).
bool rotary_helper(const std::string& name) {
  return name.find("rotary") != std::string::npos || name.find("rope") != std::string::npos;
}

bool all_known_tensors(const Value& v) {
  if (v.as_tensor()) return true;
  if (const TupleValue* t = v.as_tuple()) {
    for (const Value& item : t->items) {
      if (!all_known_tensors(item)) return false;
    }
    return !t->items.empty();
  }
  return false;
}

/// A tensor of heads: rank >= 3, read from a projection.
bool from_heads(const TensorValue& t) { return t.shape.size() >= 3 && from_projection(t); }

bool config_like_class(const Scope& cls) {
  const std::string& n = cls.name();
  auto ends = [&](const std::string& s) {
    return n.size() >= s.size() && n.compare(n.size() - s.size(), s.size(), s) == 0;
  };
  return ends("Args") || ends("Config") || ends("Params") || ends("Configuration") || is_record(cls);
}

}  // namespace

const Value* CallArgs::keyword(const std::string& name) const {
  for (const auto& [k, v] : keywords) {
    if (k == name) return &v;
  }
  return nullptr;
}

const Value* CallArgs::arg(std::size_t k, const std::string& name) const {
  if (k < positional.size()) return &positional[k];
  return keyword(name);
}

Value substitute(const Value& v, const Assumption& a) {
  if (const IntValue* i = v.as_int()) return Value::integer(i->dim.substitute(a.symbol, a.value));
  if (const TupleValue* t = v.as_tuple()) {
    TupleValue out = *t;
    for (Value& item : out.items) item = substitute(item, a);
    return Value{out};
  }
  if (const TensorValue* t = v.as_tensor()) {
    TensorValue out = *t;
    for (sym::Dim& d : out.shape) d = d.substitute(a.symbol, a.value);
    for (index::AxisMap& axis : out.axes) {
      for (index::Digit& d : axis.digits) {
        d.lower = d.lower.substitute(a.symbol, a.value);
        d.extent = d.extent.substitute(a.symbol, a.value);
      }
      axis = axis.normalized();
    }
    return Value{out};
  }
  return v;
}

bool special_case_of(const Value& special, const std::vector<Assumption>& as, const Value& general) {
  Value s = special;
  Value g = general;
  for (const Assumption& a : as) {
    s = substitute(s, a);
    g = substitute(g, a);
  }
  const TensorValue* st = s.as_tensor();
  const TensorValue* gt = g.as_tensor();
  if (st && gt) return st->shape == gt->shape && st->axes == gt->axes;
  return same_value(s, g) && !s.is_unknown();
}

std::optional<bool> truth_of(const Value& v) {
  if (std::holds_alternative<NoneValue>(v.v)) return false;
  if (const auto* b = std::get_if<BoolValue>(&v.v)) return b->value;
  if (const IntValue* i = v.as_int()) {
    if (auto c = i->dim.constant_value()) return *c != 0;
    return std::nullopt;
  }
  if (std::holds_alternative<ObjectValue>(v.v) || std::holds_alternative<HfCacheValue>(v.v) ||
      std::holds_alternative<FunctionValue>(v.v) || std::holds_alternative<ClassValue>(v.v) ||
      std::holds_alternative<ModuleValue>(v.v) || std::holds_alternative<LinearValue>(v.v)) {
    return true;
  }
  if (const auto* t = v.as_tuple(); t && !t->homogeneous) return !t->items.empty();
  return std::nullopt;
}

void Interpreter::begin_site(SiteTrace* site) {
  site_ = site;
  total_steps_ += steps_;
  steps_ = 0;
  budget_noted_ = false;
  depth_ = 0;
  flow_ = Flow::kNormal;
  calling_.clear();
}

std::vector<Finding> Interpreter::take_findings() { return std::exchange(findings_, {}); }

CodeLocation Interpreter::location(const Node& node, const Env& env) const {
  return CodeLocation{env.module ? env.module->path : std::string(), node.start()};
}

void Interpreter::trace(const CodeLocation& at, const std::string& op, const std::string& code,
                        const std::string& result) {
  if (!site_ || site_->ops.size() >= 2000) return;
  site_->ops.push_back(TracedOp{at, op, code, result});
}

void Interpreter::gave_up(const CodeLocation& at, const std::string& reason) {
  if (!site_ || site_->gave_up.size() >= 500) return;
  for (const GaveUp& g : site_->gave_up) {
    if (g.where.file == at.file && g.where.at.line == at.at.line && g.reason == reason) return;
  }
  site_->gave_up.push_back(GaveUp{at, reason});
}

void Interpreter::report(Finding f) {
  if (site_) f.site = site_->name;
  if (f.code.empty()) f.code = ws_.line(f.where.file, f.where.at.line);
  findings_.push_back(std::move(f));
}

int Interpreter::new_buffer(BufferState b) {
  b.content.assign(b.shape.size(), std::nullopt);
  buffers_.push_back(std::move(b));
  return static_cast<int>(buffers_.size()) - 1;
}

TensorValue Interpreter::materialize(const TensorValue& t) const {
  if (t.buffer < 0 || t.buffer_axis.size() != t.shape.size()) return t;
  const BufferState& b = buffers_.at(static_cast<std::size_t>(t.buffer));
  TensorValue out = t;
  if (out.axes.size() != out.shape.size()) return out;
  for (std::size_t k = 0; k < t.shape.size(); ++k) {
    const int a = t.buffer_axis[k];
    if (a < 0 || static_cast<std::size_t>(a) >= b.shape.size()) continue;
    if (b.content[static_cast<std::size_t>(a)] && b.shape[static_cast<std::size_t>(a)] == t.shape[k]) {
      out.axes[k] = *b.content[static_cast<std::size_t>(a)];
    }
  }
  return out;
}

std::optional<std::vector<sym::Dim>> Interpreter::sizes_of(const std::vector<Value>& args) const {
  std::vector<Value> items = args;
  if (args.size() == 1) {
    if (const auto* t = args.front().as_tuple(); t && !t->homogeneous) items = t->items;
  }
  std::vector<sym::Dim> out;
  for (const Value& v : items) {
    if (!v.as_int()) return std::nullopt;
    out.push_back(v.as_int()->dim);
  }
  return out;
}

const Value* Interpreter::global(Module& module, const std::string& name) {
  load(module);
  auto it = module.globals.find(name);
  return it == module.globals.end() ? nullptr : &it->second;
}

void Interpreter::load(Module& module) {
  if (module.state != Module::State::kNew) return;
  module.state = Module::State::kLoading;
  Env env;
  env.module = &module;
  env.scope = module.scope.get();
  const Flow saved = flow_;
  flow_ = Flow::kNormal;
  exec_block(module.tree->root(), env);
  flow_ = saved;
  for (auto& [k, v] : env.locals) module.globals[k] = v;
  module.state = Module::State::kLoaded;
}

void Interpreter::exec_block(const Node& block, Env& env) {
  if (block_depth_ >= kMaxExpressionDepth) {
    gave_up(location(block, env), "statements nested deeper than " + std::to_string(kMaxExpressionDepth) + " levels");
    return;
  }
  ++block_depth_;
  struct Leave {
    int& d;
    ~Leave() { --d; }
  } leave{block_depth_};
  for (const Node& stmt : block.children()) {
    if (flow_ != Flow::kNormal || out_of_budget()) return;
    exec(stmt, env);
  }
}

void Interpreter::exec(const Node& stmt, Env& env) {
  ++steps_;
  const std::string_view kind = stmt.kind();
  if (kind == "expression_statement") {
    for (const Node& e : stmt.children()) {
      if (e.kind() == "assignment") {
        Node value = e.field("right");
        std::vector<Node> targets{e.field("left")};
        while (!value.is_null() && value.kind() == "assignment") {
          targets.push_back(value.field("left"));
          value = value.field("right");
        }
        if (value.is_null()) continue;  // a bare annotation: `x: int`
        const Value v = eval(value, env);
        for (const Node& t : targets) assign(t, v, env, e);
      } else if (e.kind() == "augmented_assignment") {
        const Value v = eval(e, env);
        assign(e.field("left"), v, env, e);
      } else {
        eval(e, env);
      }
    }
  } else if (kind == "return_statement") {
    const auto parts = stmt.children();
    env.returns.push_back(parts.empty() ? Value{NoneValue{}} : eval(parts.front(), env));
    env.return_assumptions.push_back(env.assumptions);
    flow_ = Flow::kReturn;
  } else if (kind == "raise_statement") {
    flow_ = Flow::kRaise;
  } else if (kind == "break_statement") {
    flow_ = Flow::kBreak;
  } else if (kind == "continue_statement") {
    flow_ = Flow::kContinue;
  } else if (kind == "if_statement") {
    exec_if(stmt, env);
  } else if (kind == "for_statement" || kind == "while_statement") {
    exec_for(stmt, env);
  } else if (kind == "with_statement") {
    exec_block(stmt.field("body"), env);
  } else if (kind == "try_statement") {
    exec_block(stmt.field("body"), env);
    if (flow_ == Flow::kRaise) flow_ = Flow::kNormal;
    for (const Node& part : stmt.children()) {
      if (part.kind() == "finally_clause") {
        for (const Node& b : part.children()) {
          if (b.kind() == "block") exec_block(b, env);
        }
      }
    }
  } else if (kind == "import_statement" || kind == "import_from_statement" ||
             kind == "future_import_statement") {
    exec_import(stmt, env);
  } else if (kind == "function_definition" || kind == "class_definition") {
    define(stmt, env);
  } else if (kind == "decorated_definition") {
    define(stmt.field("definition"), env);
  }
  // pass, assert, global, nonlocal, delete, print: nothing a shape depends on.
}

void Interpreter::define(const Node& def, Env& env) {
  const std::string name(def.field("name").text());
  const Scope* scope = env.scope ? env.scope->scope_of(def) : nullptr;
  if (!scope) {
    env.locals[name] = Value::unknown("definition nested too deep to follow", def.start());
    return;
  }
  if (def.kind() == "class_definition") {
    env.locals[name] = Value{ClassValue{scope}};
  } else {
    FunctionValue f{scope, nullptr};
    env.locals[name] = Value{f};
  }
}

void Interpreter::exec_import(const Node& stmt, Env& env) {
  Module* here = env.module;
  auto bind_target = [&](const std::string& local, const std::string& dotted) {
    // A scanned module, or a name defined in one: the real thing. Else a library name.
    if (here) {
      if (Module* m = ws_.find(dotted, *here)) {
        env.locals[local] = Value{ModuleValue{"scan:" + m->path}};
        return;
      }
      const auto dot = dotted.rfind('.');
      if (dot != std::string::npos && dot > 0) {
        const std::string mod = dotted.substr(0, dot);
        const std::string what = dotted.substr(dot + 1);
        Module* m = ws_.find(mod, *here);
        if (!m && dotted[0] == '.' && mod.find_first_not_of('.') == std::string::npos) {
          m = ws_.find(mod + what, *here);  // `from . import cache`
        }
        if (m && m->state != Module::State::kLoading) {
          if (const Value* v = global(*m, what)) {
            env.locals[local] = *v;
            return;
          }
        }
        if (m) {
          env.locals[local] = Value::unknown("'" + what + "' is not defined in " + m->path, stmt.start());
          return;
        }
      }
    }
    env.locals[local] = Value{ModuleValue{dotted[0] == '.' ? dotted.substr(dotted.find_first_not_of('.')) : dotted}};
  };
  if (stmt.kind() == "import_statement") {
    for (const Node& name : stmt.fields("name")) {
      if (name.kind() == "aliased_import") {
        bind_target(std::string(name.field("alias").text()), std::string(name.field("name").text()));
      } else {
        const std::string dotted(name.text());
        const std::string first = dotted.substr(0, dotted.find('.'));
        env.locals[first] = Value{ModuleValue{first}};
      }
    }
    return;
  }
  const std::string module(stmt.field("module_name").text());
  const std::string sep = !module.empty() && module.back() == '.' ? "" : ".";
  for (const Node& name : stmt.fields("name")) {
    if (name.kind() == "aliased_import") {
      bind_target(std::string(name.field("alias").text()),
                  module + sep + std::string(name.field("name").text()));
    } else {
      bind_target(std::string(name.text()), module + sep + std::string(name.text()));
    }
  }
}

void Interpreter::assign(const Node& target, const Value& value, Env& env, const Node& stmt) {
  const std::string_view kind = target.kind();
  if (kind == "identifier") {
    if (const TensorValue* t = value.as_tensor(); t && t->buffer >= 0 && buffer(t->buffer).name.empty()) {
      buffer(t->buffer).name = std::string(target.text());
    }
    env.locals[std::string(target.text())] = value;
    return;
  }
  if (kind == "pattern_list" || kind == "tuple_pattern" || kind == "list_pattern" ||
      kind == "tuple" || kind == "list" || kind == "expression_list") {
    const std::vector<Node> parts = target.children();
    const TupleValue* t = value.as_tuple();
    const bool star = std::any_of(parts.begin(), parts.end(),
                                  [](const Node& p) { return p.kind() == "list_splat_pattern"; });
    for (std::size_t k = 0; k < parts.size(); ++k) {
      Value item = Value::unknown(value.is_unknown() ? value.as_unknown()->reason
                                                     : "cannot unpack " + value.to_string(),
                                  target.start());
      if (t && !t->homogeneous && !star && t->items.size() == parts.size()) item = t->items[k];
      if (t && t->homogeneous && !t->items.empty()) item = t->items.front();
      if (parts[k].kind() == "list_splat_pattern") {
        const auto inner = parts[k].children();
        if (!inner.empty()) assign(inner.front(), Value::unknown("starred target", target.start()), env, stmt);
        continue;
      }
      assign(parts[k], item, env, stmt);
    }
    return;
  }
  if (kind == "attribute") {
    const Value object = eval(target.field("object"), env);
    if (const auto* o = std::get_if<ObjectValue>(&object.v)) {
      const std::string attr(target.field("attribute").text());
      Value stored = value;
      // Name projections and buffers by the attribute that holds them, for messages.
      if (auto* l = std::get_if<LinearValue>(&stored.v); l && l->name.rfind("linear_", 0) == 0) l->name = attr;
      if (const TensorValue* t = stored.as_tensor(); t && t->buffer >= 0 && buffer(t->buffer).name.empty()) {
        buffer(t->buffer).name = "self." + attr;
      }
      o->object->attributes[attr] = stored;
    }
    return;
  }
  if (kind == "subscript") {
    assign_item(target, value, env);
    return;
  }
  (void)stmt;
}

void Interpreter::join_into(Env& env, const Env& a, const Env& b, bool a_live, bool b_live,
                            const Node& at) {
  if (!a_live && !b_live) return;
  if (!b_live) {
    env.locals = a.locals;
    return;
  }
  if (!a_live) {
    env.locals = b.locals;
    return;
  }
  std::map<std::string, Value> joined;
  for (const auto& [name, va] : a.locals) {
    auto it = b.locals.find(name);
    if (it == b.locals.end()) {
      joined[name] = va;  // bound on one path only: the other path cannot read it
      continue;
    }
    const std::vector<Assumption> a_only(a.assumptions.begin() + static_cast<std::ptrdiff_t>(env.assumptions.size()),
                                         a.assumptions.end());
    const std::vector<Assumption> b_only(b.assumptions.begin() + static_cast<std::ptrdiff_t>(env.assumptions.size()),
                                         b.assumptions.end());
    if (same_value(va, it->second)) {
      joined[name] = va;
    } else if (!a_only.empty() && special_case_of(va, a_only, it->second)) {
      joined[name] = it->second;
    } else if (!b_only.empty() && special_case_of(it->second, b_only, va)) {
      joined[name] = va;
    } else if (va.is_unknown()) {
      joined[name] = va;
    } else if (it->second.is_unknown()) {
      joined[name] = it->second;
    } else {
      joined[name] = Value::unknown("'" + name + "' is " + va.to_string() + " on one branch and " +
                                        it->second.to_string() + " on the other",
                                    at.start());
    }
  }
  for (const auto& [name, vb] : b.locals) {
    if (!joined.count(name)) joined[name] = vb;
  }
  env.locals = std::move(joined);
}

std::optional<std::pair<Assumption, bool>> Interpreter::assumption_of(const Node& cond, Env& env) {
  if (cond.kind() != "comparison_operator") return std::nullopt;
  const auto operands = cond.children();
  if (operands.size() != 2) return std::nullopt;
  std::string op;
  for (const Node& c : cond.all_children()) {
    if (!c.is_named()) op += std::string(c.kind());
  }
  if (op != "==" && op != "!=") return std::nullopt;
  const Value a = eval(operands[0], env);
  const Value b = eval(operands[1], env);
  if (!a.as_int() || !b.as_int()) return std::nullopt;
  // a == b as x = v for one symbol x, linear in x, that makes a - b vanish: `n_rep == 1`
  // is group = 1, and so is `n_kv_heads == n_heads` (n_kv_heads * (1 - group) = 0).
  const sym::Dim diff = a.as_int()->dim - b.as_int()->dim;
  for (const sym::Symbol x : diff.symbols()) {
    if (diff.degree_in(x) != 1) continue;
    for (std::int64_t v = x.lower_bound(); v <= x.lower_bound() + 1; ++v) {
      if (diff.substitute(x, sym::Dim(v)).is_zero()) return std::pair{Assumption{x, sym::Dim(v)}, op == "=="};
    }
  }
  return std::nullopt;
}

void Interpreter::exec_if(const Node& stmt, Env& env) {
  std::vector<std::pair<Node, Node>> chain{{stmt.field("condition"), stmt.field("consequence")}};
  Node else_block;
  for (const Node& alt : stmt.fields("alternative")) {
    if (alt.kind() == "else_clause") {
      else_block = alt.field("body");
    } else {
      chain.emplace_back(alt.field("condition"), alt.field("consequence"));
    }
  }
  exec_chain(chain, 0, else_block, env);
}

void Interpreter::exec_chain(const std::vector<std::pair<Node, Node>>& chain, std::size_t k,
                             const Node& else_block, Env& env) {
  if (k == chain.size()) {
    if (!else_block.is_null()) exec_block(else_block, env);
    return;
  }
  const std::optional<bool> known = truth_of(eval(chain[k].first, env));
  if (known) {
    if (*known) {
      exec_block(chain[k].second, env);
    } else {
      exec_chain(chain, k + 1, else_block, env);
    }
    return;
  }
  // Not known: both paths run and their variables are joined.
  Env a = env;
  a.returns.clear();
  a.return_assumptions.clear();
  const auto fixed = assumption_of(chain[k].first, env);
  if (fixed && fixed->second) a.assumptions.push_back(fixed->first);
  exec_block(chain[k].second, a);
  const bool a_live = flow_ == Flow::kNormal;
  const Flow a_flow = flow_;
  flow_ = Flow::kNormal;
  Env b = env;
  b.returns.clear();
  b.return_assumptions.clear();
  if (fixed && !fixed->second) b.assumptions.push_back(fixed->first);
  exec_chain(chain, k + 1, else_block, b);
  const bool b_live = flow_ == Flow::kNormal;
  const Flow b_flow = flow_;
  flow_ = Flow::kNormal;
  env.returns.insert(env.returns.end(), a.returns.begin(), a.returns.end());
  env.returns.insert(env.returns.end(), b.returns.begin(), b.returns.end());
  env.return_assumptions.insert(env.return_assumptions.end(), a.return_assumptions.begin(), a.return_assumptions.end());
  env.return_assumptions.insert(env.return_assumptions.end(), b.return_assumptions.begin(), b.return_assumptions.end());
  join_into(env, a, b, a_live, b_live, chain[k].first);
  if (!a_live && !b_live) flow_ = a_flow == Flow::kRaise ? b_flow : a_flow;
}

void Interpreter::exec_for(const Node& stmt, Env& env) {
  // One pass through the body stands for every iteration (layers are alike; a range loop's
  // index is Unknown).
  if (stmt.kind() == "for_statement") {
    const Value seq = eval(stmt.field("right"), env);
    Value item = Value::unknown("loop variable", stmt.start());
    if (const TupleValue* t = seq.as_tuple(); t && !t->items.empty()) {
      bool alike = t->homogeneous;
      if (!alike) {
        alike = std::all_of(t->items.begin(), t->items.end(),
                            [&](const Value& v) { return same_value(v, t->items.front()); });
      }
      if (alike) item = t->items.front();
    }
    assign(stmt.field("left"), item, env, stmt);
  } else {
    eval(stmt.field("condition"), env);
  }
  exec_block(stmt.field("body"), env);
  if (flow_ == Flow::kBreak || flow_ == Flow::kContinue) flow_ = Flow::kNormal;
}

Value Interpreter::attribute(const std::shared_ptr<Instance>& object, const std::string& name,
                             const CodeLocation& at) {
  if (auto it = object->attributes.find(name); it != object->attributes.end()) return it->second;
  // Methods and class attributes, in this class and its scanned bases.
  const Scope* cls = object->cls;
  for (int hop = 0; cls && hop < 16; ++hop) {
    if (const Scope* fn = cls->child(name); fn && fn->kind() == Scope::Kind::kFunction) {
      return Value{FunctionValue{fn, object}};
    }
    if (auto it = cls->names().find(name); it != cls->names().end()) {
      const Binding& b = it->second.back();
      if (b.kind == BindingKind::kVariable && !b.node.is_null()) {
        Env env;
        const Scope* root = cls;
        while (root->parent()) root = root->parent();
        env.module = ws_.owning(root);
        env.scope = cls;
        return eval(b.node, env);
      }
    }
    // The first base class that is a class of the scanned code.
    const Scope* base = nullptr;
    const Node supers = cls->node().field("superclasses");
    for (const Node& s : supers.children()) {
      if (s.kind() != "identifier") continue;
      const Scope* module_scope = cls->parent();
      while (module_scope && module_scope->parent()) module_scope = module_scope->parent();
      if (module_scope) base = module_scope->child(std::string(s.text()));
      if (base && base->kind() == Scope::Kind::kClass) break;
      base = nullptr;
    }
    cls = base;
  }
  if (object->library) {
    if (auto size = config_size(name)) return Value::integer(*size);
    if (name == "config") return Value{ConfigValue{"config"}};
    // transformers' attention classes (a monkey-patched forward runs on one): their
    // projections, as the library defines them.
    const sym::Dim heads = sym::Dim::n_heads();
    const sym::Dim kv(sym::symbols::n_kv_heads());
    const sym::Dim hd(sym::symbols::head_dim());
    if (name == "q_proj") return Value{LinearValue{heads * hd, heads * hd, name}};
    if (name == "k_proj" || name == "v_proj") return Value{LinearValue{heads * hd, kv * hd, name}};
    if (name == "o_proj") return Value{LinearValue{heads * hd, heads * hd, name}};
    if (name == "training") return Value{BoolValue{false}};
  }
  return Value::unknown(object->class_name + "." + name + " is never assigned", at.at);
}

Value Interpreter::construct(const Scope& cls, Module* module, CallArgs& args) {
  if (config_like_class(cls)) return Value{ConfigValue{cls.name()}};
  auto object = std::make_shared<Instance>();
  object->cls = &cls;
  object->class_name = cls.name();
  const Value init = attribute(object, "__init__", args.at);
  if (const auto* f = std::get_if<FunctionValue>(&init.v)) {
    call_function(*f->function, object, args, module, nullptr);
  }
  return Value{ObjectValue{object}};
}

Value Interpreter::call_function(const Scope& fn, const std::shared_ptr<Instance>& self,
                                 CallArgs& args, Module* module,
                                 std::shared_ptr<const std::map<std::string, Value>> captured) {
  if (depth_ >= kMaxCallDepth) {
    gave_up(args.at, "calls nested deeper than " + std::to_string(kMaxCallDepth));
    return Value::unknown("call depth limit", args.at.at);
  }
  if (std::count(calling_.begin(), calling_.end(), &fn) > 0) {
    gave_up(args.at, "recursive call of " + fn.name());
    return Value::unknown("recursive call of " + fn.name(), args.at.at);
  }
  // The module that defines the function: its file holds the function's node.
  const Scope* root = &fn;
  while (root->parent()) root = root->parent();
  Module* home = ws_.owning(root);
  if (!home) home = module;
  if (home) load(*home);
  Env env;
  env.module = home;
  env.scope = &fn;
  env.captured = std::move(captured);
  const std::vector<Binding>& params = fn.parameters();
  std::size_t next = 0;
  bool skip_self = self != nullptr;
  for (const Binding& p : params) {
    if (skip_self && p.position == 0) {
      env.locals[p.name] = Value{ObjectValue{self}};
      continue;
    }
    const std::string_view pkind = p.node.kind();
    if (pkind == "list_splat_pattern" || pkind == "dictionary_splat_pattern") {
      env.locals[p.name] = Value::unknown("*args / **kwargs", p.node.start());
      continue;
    }
    const Value* given = nullptr;
    if (p.position >= 0 && next < args.positional.size()) {
      given = &args.positional[next++];
    } else {
      given = args.keyword(p.name);
    }
    if (given) {
      env.locals[p.name] = *given;
    } else if (!p.default_value.is_null()) {
      Env def_env;
      def_env.module = home;
      def_env.scope = fn.parent();
      env.locals[p.name] = eval(p.default_value, def_env);
    } else {
      env.locals[p.name] = Value::unknown("parameter '" + p.name + "' is not given at the call", args.at.at);
    }
  }
  ++depth_;
  calling_.push_back(&fn);
  const Flow saved = flow_;
  flow_ = Flow::kNormal;
  exec_block(fn.node().field("body"), env);
  flow_ = saved;
  calling_.pop_back();
  --depth_;
  Value result = joined_returns(env, fn, args);
  if (rotary_helper(fn.name()) && !all_known_tensors(result)) {
    // A rotary embedding helper whose body could not be followed (complex views of
    // head_dim / 2 pairs are not exact for every head_dim): a rotation keeps shapes, and
    // the tokens carry the positions of the table rows they were rotated with.
    std::vector<Value> tensors;
    std::optional<PositionInfo> positions;
    for (const Value& v : args.positional) {
      if (auto p = positions_of(v)) positions = p;
    }
    for (const auto& [name, v] : args.keywords) {
      if (auto p = positions_of(v)) positions = p;
    }
    for (const Value& v : args.positional) {
      const TensorValue* t = v.as_tensor();
      if (!t || t->positions || t->axes.empty() || !from_heads(*t)) continue;
      TensorValue r = *t;
      if (positions) r.positions = positions;
      tensors.push_back(Value{r});
    }
    if (!tensors.empty()) {
      gave_up(args.at, fn.name() + ": its body is not followed; taken as a rotation that keeps shapes");
      return tensors.size() == 1 ? tensors.front() : Value::tuple(tensors);
    }
  }
  return result;
}

Value Interpreter::joined_returns(const Env& env, const Scope& fn, const CallArgs& args) {
  if (env.returns.empty()) return Value{NoneValue{}};
  // Returns on paths that are special cases of another return (`if n_rep == 1: return x`)
  // are covered by it.
  std::vector<Value> general;
  for (std::size_t k = 0; k < env.returns.size(); ++k) {
    const auto& as = k < env.return_assumptions.size() ? env.return_assumptions[k] : std::vector<Assumption>{};
    bool covered = false;
    for (std::size_t m = 0; m < env.returns.size() && !as.empty(); ++m) {
      if (m != k && special_case_of(env.returns[k], as, env.returns[m])) covered = true;
    }
    if (!covered) general.push_back(env.returns[k]);
  }
  if (general.empty()) general = env.returns;
  Value result = general.front();
  for (const Value& r : general) {
    if (same_value(r, result)) continue;
    if (r.is_unknown()) return r;
    if (result.is_unknown()) break;
    // Two return paths with different values: a tuple of tensors keeps what both agree on.
    const TupleValue* a = result.as_tuple();
    const TupleValue* b = r.as_tuple();
    if (a && b && a->items.size() == b->items.size()) {
      TupleValue t;
      for (std::size_t k = 0; k < a->items.size(); ++k) {
        t.items.push_back(same_value(a->items[k], b->items[k])
                              ? a->items[k]
                              : Value::unknown(fn.name() + " returns different values", args.at.at));
      }
      result = Value{t};
      continue;
    }
    return Value::unknown(fn.name() + " returns " + result.to_string() + " or " + r.to_string(), args.at.at);
  }
  return result;
}

}  // namespace kvcheck::scan
