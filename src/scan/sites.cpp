// Sites: entry points, parameter seeding and the cache modes.
#include "kvcheck/scan/sites.hpp"

#include <algorithm>
#include <set>

#include "kvcheck/scan/config_names.hpp"
#include "kvcheck/scan/site_choices.hpp"
#include "kvcheck/scan/tensor_ops.hpp"

namespace kvcheck::scan {
namespace {

using sym::Dim;
namespace s = sym::symbols;

enum class Role {
  kHidden, kTokens, kStartPos, kPositionIndex, kPositionIds, kHfCache, kPastTuple, kCacheObject,
  kFromCaller, kFlagTrue, kFlagFalse, kOther
};

Role role_of(const std::string& name) {
  static const std::vector<std::pair<std::vector<std::string>, Role>> table = {
      {{"x", "hidden_states", "hidden", "h", "inputs", "input", "inp", "hidden_state", "query_states"}, Role::kHidden},
      {{"tokens", "input_ids", "idx", "token_ids"}, Role::kTokens},
      {{"start_pos", "pos", "offset", "past_length", "past_len", "cache_offset", "start", "position"}, Role::kStartPos},
      {{"input_pos", "cache_position", "cache_positions"}, Role::kPositionIndex},
      {{"position_ids"}, Role::kPositionIds},
      {{"past_key_value", "past_key_values", "cache_params"}, Role::kHfCache},
      {{"layer_past", "past", "present", "kv", "past_kv"}, Role::kPastTuple},
      {{"kv_cache", "cache"}, Role::kCacheObject},
      {{"use_cache"}, Role::kFlagTrue},
      {{"output_attentions", "return_attn", "need_weights"}, Role::kFlagFalse},
      {{"mask", "attention_mask", "attn_mask", "causal_mask", "freqs_cis", "cos", "sin",
        "position_embeddings", "rotary_pos_emb", "rope", "freqs", "attn_bias", "bias"},
       Role::kFromCaller},
  };
  for (const auto& [names, role] : table) {
    if (std::find(names.begin(), names.end(), name) != names.end()) return role;
  }
  return Role::kOther;
}

bool is_cache_role(Role r) { return r == Role::kHfCache || r == Role::kPastTuple || r == Role::kCacheObject; }

TensorValue hidden_states() {
  TensorValue t = fresh_tensor({Dim(s::batch()), Dim(s::chunk_len()), Dim::n_heads() * Dim(s::head_dim())}, "x");
  t.made_by = "the hidden states";
  return t;
}

/// Arguments for __init__ from the parameter names: config objects, sizes by the table.
CallArgs init_arguments(const Scope& init, const CodeLocation& at) {
  CallArgs args;
  args.at = at;
  for (const Binding& p : init.parameters()) {
    if (p.position == 0) continue;  // self
    if (is_config_object_name(p.name)) {
      args.keywords.emplace_back(p.name, Value{ConfigValue{p.name}});
    } else if (auto size = config_size(p.name)) {
      args.keywords.emplace_back(p.name, Value::integer(*size));
    } else if (p.name.find("rope") != std::string::npos || p.name.find("rotary") != std::string::npos ||
               p.name.find("pos_emb") != std::string::npos) {
      // A rotary embedding module handed in by the caller: applied to q or k it rotates
      // them, which keeps their shape.
      auto inst = std::make_shared<Instance>();
      inst->library = true;
      inst->class_name = "rotary embedding '" + p.name + "' (from the caller)";
      args.keywords.emplace_back(p.name, Value{ObjectValue{inst}});
    } else if (p.node.kind() == "typed_parameter" || p.node.kind() == "typed_default_parameter") {
      // `args: ModelArgs`, `config: LlamaConfig`: a config object by its type's name.
      const std::string type(p.node.field("type").text());
      if (type.find("Args") != std::string::npos || type.find("Config") != std::string::npos ||
          type.find("Params") != std::string::npos) {
        args.keywords.emplace_back(p.name, Value{ConfigValue{p.name}});
      }
    }
  }
  return args;
}

/// The `present` (k, v) pair inside a forward's result, if it returned one.
std::optional<TupleValue> present_of(const Value& result) {
  const TupleValue* t = result.as_tuple();
  if (!t) return std::nullopt;
  if (t->items.size() == 2 && t->items[0].as_tensor() && t->items[1].as_tensor()) {
    // (k, v) itself, unless it is (output, something).
    if (t->items[0].as_tensor()->shape.size() >= 3 && t->items[1].as_tensor()->shape.size() >= 3 &&
        t->items[0].as_tensor()->shape.size() == t->items[1].as_tensor()->shape.size() &&
        !(t->items[0].as_tensor()->shape.size() == 3)) {
      return *t;
    }
  }
  for (const Value& item : t->items) {
    if (auto inner = present_of(item)) return inner;
  }
  return std::nullopt;
}

/// The present of the step before, as the past of this one: its sequence axis (the one of
/// chunk_len tokens) now holds `pos` cached positions, and it is a functional cache.
Value as_past(Interpreter& in, const TupleValue& present, const CodeLocation& at) {
  TupleValue past;
  for (const Value& item : present.items) {
    TensorValue t = *item.as_tensor();
    for (Dim& d : t.shape) {
      if (d == Dim(s::chunk_len())) d = Dim(s::pos());
    }
    BufferState b;
    b.name = "the past (k, v) passed in";
    b.alloc = at;
    b.shape = t.shape;
    b.functional = true;
    TensorValue p = fresh_tensor(t.shape, "past");
    p.buffer = in.new_buffer(b);
    for (std::size_t a = 0; a < t.shape.size(); ++a) p.buffer_axis.push_back(static_cast<int>(a));
    // What the previous step stored: its heads (the only axis it kept whole).
    BufferState& state = in.buffer(p.buffer);
    for (std::size_t a = 0; a < t.shape.size() && a < t.axes.size(); ++a) {
      if (t.shape[a] != Dim(s::pos())) state.content[a] = t.axes[a];
    }
    past.items.push_back(Value{in.materialize(p)});
  }
  return Value{past};
}

/// Whether the body uses parameter `name` as an object (`past_key_value.update(...)`, a
/// Hugging Face cache) rather than as a (k, v) tuple (`past_key_value[0]`, unpacking).
bool used_as_object(const Node& n, const std::string& name, int depth) {
  if (depth > 64) return false;
  if (n.kind() == "attribute" && n.field("object").kind() == "identifier" && n.field("object").text() == name) {
    return true;
  }
  for (const Node& c : n.children()) {
    if (used_as_object(c, name, depth + 1)) return true;
  }
  return false;
}

CallArgs forward_arguments(const Scope& fn, bool with_cache, const std::optional<Value>& past,
                           const CodeLocation& at) {
  CallArgs args;
  args.at = at;
  bool first = true;
  for (const Binding& p : fn.parameters()) {
    if (p.position == 0) continue;
    const std::string_view kind = p.node.kind();
    if (kind == "list_splat_pattern" || kind == "dictionary_splat_pattern") continue;
    Role role = role_of(p.name);
    if (role == Role::kHfCache && !used_as_object(fn.node().field("body"), p.name, 0)) role = Role::kPastTuple;
    if (role == Role::kPastTuple && used_as_object(fn.node().field("body"), p.name, 0)) role = Role::kHfCache;
    Value v = Value::unknown("'" + p.name + "' comes from the caller", p.node.start());
    bool give = true;
    switch (role) {
      case Role::kHidden:
        v = Value{hidden_states()};
        break;
      case Role::kTokens: {
        TensorValue t = fresh_tensor({Dim(s::batch()), Dim(s::chunk_len())}, "tokens");
        v = Value{t};
        break;
      }
      case Role::kStartPos:
        v = Value::integer(with_cache ? Dim(s::pos()) : Dim(0));
        break;
      case Role::kPositionIndex:
      case Role::kPositionIds: {
        std::vector<Dim> shape{Dim(s::chunk_len())};
        if (role == Role::kPositionIds) shape.insert(shape.begin(), Dim(s::batch()));
        TensorValue t = fresh_tensor(shape, p.name);
        t.positions = PositionInfo{with_cache ? Dim(s::pos()) : Dim(0), {}};
        v = Value{t};
        break;
      }
      case Role::kHfCache:
        v = with_cache ? Value{HfCacheValue{Dim(s::pos())}} : Value{NoneValue{}};
        break;
      case Role::kPastTuple:
        if (with_cache && past) {
          v = *past;
        } else if (with_cache) {
          v = Value::unknown("the past cache is only known from a previous step", p.node.start());
        } else {
          v = Value{NoneValue{}};
        }
        break;
      case Role::kCacheObject:
        if (!with_cache) v = Value{NoneValue{}};
        break;
      case Role::kFlagTrue:
        v = Value{BoolValue{true}};
        break;
      case Role::kFlagFalse:
        v = Value{BoolValue{false}};
        break;
      case Role::kFromCaller:
        break;
      case Role::kOther:
        if (first && p.default_value.is_null() && !config_size(p.name)) {
          v = Value{hidden_states()};  // the first input of a forward is what it transforms
        } else if (auto size = config_size(p.name)) {
          v = Value::integer(*size);
        } else if (!p.default_value.is_null()) {
          give = false;  // its default
        }
        break;
    }
    first = false;
    if (give) args.keywords.emplace_back(p.name, v);
  }
  return args;
}

/// Methods a caller runs before decoding to allocate caches (gpt-fast's setup_caches):
/// named for caches and for setting them up.
bool cache_setup_method(const std::string& name) {
  if (name.find("cache") == std::string::npos) return false;
  for (const char* verb : {"setup", "set_up", "init_", "allocate", "create", "reset", "build", "_setup", "_init_"}) {
    if (name.rfind(verb, 0) == 0) return true;
  }
  return false;
}

void set_up_caches(Interpreter& in, const Scope& cls, const std::shared_ptr<Instance>& self,
                   Module* module, const CodeLocation& at) {
  for (const auto& child : cls.children()) {
    if (child->kind() != Scope::Kind::kFunction || !cache_setup_method(child->name())) continue;
    CallArgs args = init_arguments(*child, at);
    in.call_function(*child, self, args, module, nullptr);
  }
}

/// Attributes a class's methods advance with `self.<name> += ...`: counters of cached tokens.
void counters_in(const Node& n, const std::string& self_name, std::set<std::string>& out, int depth) {
  if (depth > 64) return;
  if (n.kind() == "augmented_assignment") {
    const Node left = n.field("left");
    if (left.kind() == "attribute" && left.field("object").text() == self_name) {
      out.insert(std::string(left.field("attribute").text()));
    }
  }
  for (const Node& c : n.children()) counters_in(c, self_name, out, depth + 1);
}

/// Before a step with a cache, every token counter of the objects reachable from `self`
/// (still at the 0 its constructor set) holds the `pos` tokens cached so far.
void advance_counters(const std::shared_ptr<Instance>& object, std::set<const Instance*>& seen) {
  if (!object || !seen.insert(object.get()).second) return;
  if (object->cls) {
    std::set<std::string> counters;
    for (const auto& m : object->cls->children()) {
      if (m->kind() != Scope::Kind::kFunction || m->parameters().empty()) continue;
      counters_in(m->node().field("body"), m->parameters().front().name, counters, 0);
    }
    for (const std::string& name : counters) {
      auto it = object->attributes.find(name);
      if (it != object->attributes.end() && it->second.as_int() && it->second.as_int()->dim == Dim(0)) {
        it->second = Value::integer(Dim(s::pos()));
      }
    }
  }
  for (auto& [name, v] : object->attributes) {
    if (const auto* o = std::get_if<ObjectValue>(&v.v)) advance_counters(o->object, seen);
    if (const TupleValue* t = v.as_tuple()) {
      for (const Value& item : t->items) {
        if (const auto* o = std::get_if<ObjectValue>(&item.v)) advance_counters(o->object, seen);
      }
    }
  }
}

}  // namespace

const std::vector<ParameterRole>& parameter_roles() {
  static const std::vector<ParameterRole> roles = {
      {{"x", "hidden_states", "h", "inputs", "input", "or the first parameter"},
       "hidden states [batch, chunk_len, n_heads * head_dim]"},
      {{"tokens", "input_ids", "idx"}, "token ids [batch, chunk_len]"},
      {{"start_pos", "pos", "offset", "past_length"}, "tokens already cached: 0 without a cache, pos with one"},
      {{"input_pos", "cache_position"}, "positions [chunk_len] starting at the cached length"},
      {{"position_ids"}, "positions [batch, chunk_len] starting at the cached length"},
      {{"past_key_value", "past_key_values"}, "a Hugging Face cache holding pos positions, or None"},
      {{"layer_past", "past"}, "the (k, v) the same forward returned for the previous step, or None"},
      {{"kv_cache", "cache"}, "None without a cache; from the caller with one"},
      {{"mask", "attention_mask", "freqs_cis", "cos", "sin", "position_embeddings"},
       "from the caller: Unknown unless a scanned caller passes it"},
  };
  return roles;
}

std::vector<Site> sites_of(Module& module, Interpreter& in) {
  Module* m = &module;
  std::vector<Site> sites;
  // Classes (nested ones too) with a forward.
  std::vector<std::pair<const Scope*, std::string>> stack{{m->scope.get(), ""}};
  while (!stack.empty()) {
    auto [scope, prefix] = stack.back();
    stack.pop_back();
    for (auto it = scope->children().rbegin(); it != scope->children().rend(); ++it) {
      const Scope* c = it->get();
      if (c->kind() != Scope::Kind::kClass) continue;
      const std::string name = prefix.empty() ? c->name() : prefix + "." + c->name();
      if (const Scope* fwd = c->child("forward"); fwd && fwd->kind() == Scope::Kind::kFunction) {
        sites.push_back(Site{name + ".forward", m, c, fwd, ""});
      }
      stack.emplace_back(c, name);
    }
  }
  std::sort(sites.begin(), sites.end(), [](const Site& a, const Site& b) {
    return a.function->node().start().line < b.function->node().start().line;
  });
  // `X.forward = f` at the top level: f runs as X's forward.
  for (const Node& stmt : m->tree->root().children()) {
    if (stmt.kind() != "expression_statement") continue;
    for (const Node& e : stmt.children()) {
      if (e.kind() != "assignment") continue;
      const Node left = e.field("left");
      const Node right = e.field("right");
      if (left.kind() != "attribute" || left.field("attribute").text() != "forward" ||
          right.kind() != "identifier") {
        continue;
      }
      const Scope* fn = m->scope->child(std::string(right.text()));
      if (!fn || fn->kind() != Scope::Kind::kFunction) continue;
      const std::string cls(left.field("object").text());
      sites.push_back(Site{std::string(right.text()) + " (as " + cls + ".forward)", m, nullptr, fn, cls});
    }
  }
  if (!sites.empty()) in.load(*m);
  return sites;
}

void run_site(const Site& site, Interpreter& in, std::vector<SiteTrace>& traces,
              std::vector<Finding>& findings) {
  const CodeLocation at{site.module->path, site.function->node().start()};
  bool takes_cache = false;
  for (const Binding& p : site.function->parameters()) takes_cache = takes_cache || is_cache_role(role_of(p.name));
  std::vector<bool> modes = takes_cache ? std::vector<bool>{false, true} : std::vector<bool>{true};
  std::optional<Value> past;
  in.forget_buffers();
  for (const bool with_cache : modes) {
    SiteTrace trace;
    trace.name = site.name;
    trace.where = at;
    trace.mode = !takes_cache ? "one step" : (with_cache ? "with a cache" : "without a cache");
    in.begin_site(&trace);
    std::shared_ptr<Instance> self;
    if (site.cls) {
      CallArgs init_args;
      if (const Scope* init = site.cls->child("__init__")) init_args = init_arguments(*init, at);
      init_args.at = at;
      const Value object = in.construct(*site.cls, site.module, init_args);
      if (const auto* o = std::get_if<ObjectValue>(&object.v)) self = o->object;
    } else {
      self = std::make_shared<Instance>();
      self->library = true;
      self->class_name = site.patched_class;
    }
    if (!self) {
      in.gave_up(at, "the class is constructed as a config, not a module");
      traces.push_back(std::move(trace));
      in.begin_site(nullptr);
      continue;
    }
    if (with_cache && site.cls) {
      set_up_caches(in, *site.cls, self, site.module, at);
      std::set<const Instance*> seen;
      advance_counters(self, seen);
    }
    CallArgs args = forward_arguments(*site.function, with_cache, past, at);
    const Value result = in.call_function(*site.function, self, args, site.module, nullptr);
    if (!with_cache) {
      if (auto present = present_of(result)) past = as_past(in, *present, at);
    }
    for (Finding& f : in.take_findings()) {
      f.replay = replay_for(f, trace.choices);
      findings.push_back(std::move(f));
    }
    traces.push_back(std::move(trace));
    in.begin_site(nullptr);
  }
}

}  // namespace kvcheck::scan
