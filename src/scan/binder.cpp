// bind_module: scopes and bindings of one Python module, from its syntax tree.
#include "kvcheck/scan/binder.hpp"

namespace kvcheck::scan {

class BinderImpl {
 public:
  /// `cls`: the class whose instance attributes a method's `self.x = ...` assigns.
  explicit BinderImpl(Scope& scope, Scope* cls = nullptr) : scope_(scope), class_(cls) {}

  void statements(const Node& block, int depth) {
    if (++block_depth_ > kMaxBlockDepth) {
      --block_depth_;
      return;  // blocks nested deeper than this bind nothing
    }
    for (const Node& stmt : block.children()) statement(stmt, depth);
    --block_depth_;
  }

  /// Parameters of a function scope. Positions count only the parameters a positional
  /// argument can bind: none after `*` or `*args`, none for `**kwargs`.
  void parameters(const Node& params) {
    int position = 0;
    bool keyword_only = false;
    for (const Node& p : params.children()) {
      const std::string_view kind = p.kind();
      std::string name;
      Node default_value;
      bool positional = !keyword_only;
      if (kind == "identifier") {
        name = std::string(p.text());
      } else if (kind == "default_parameter" || kind == "typed_default_parameter") {
        name = std::string(p.field("name").text());
        default_value = p.field("value");
      } else if (kind == "typed_parameter") {
        const auto inner = p.children();
        if (!inner.empty() && inner.front().kind() == "identifier") name = std::string(inner.front().text());
      } else if (kind == "list_splat_pattern" || kind == "dictionary_splat_pattern") {
        const auto inner = p.children();
        if (!inner.empty()) name = std::string(inner.front().text());
        positional = false;
        keyword_only = true;
      } else if (kind == "keyword_separator") {
        keyword_only = true;
      }
      if (name.empty()) continue;
      Binding b{BindingKind::kParameter, name, p, "", default_value, positional ? position++ : -1,
                &scope_};
      scope_.parameters_.push_back(b);
      scope_.names_[b.name].push_back(b);
    }
  }

 private:
  void bind(Binding b) {
    b.scope = &scope_;
    scope_.names_[b.name].push_back(std::move(b));
  }

  /// The name of the first parameter when this function is a method (the `self` name).
  std::string self_name() const {
    if (scope_.kind_ != Scope::Kind::kFunction || !scope_.parent_ ||
        scope_.parent_->kind() != Scope::Kind::kClass || scope_.parameters_.empty()) {
      return "";
    }
    return scope_.parameters_.front().name;
  }

  /// Where the instance attributes of this method's class are recorded.
  Scope* method_class() const { return self_name().empty() ? nullptr : class_; }

  void target(const Node& left, const Node& value, int unpack = -1, int depth = 0) {
    // Patterns nested deeper than this bind nothing (a file of brackets).
    if (depth > kMaxScopeDepth) return;
    const std::string_view kind = left.kind();
    if (kind == "identifier") {
      Binding b{BindingKind::kVariable, std::string(left.text()), value, "", Node(), -1};
      b.unpack = unpack;
      bind(std::move(b));
    } else if (kind == "pattern_list" || kind == "tuple_pattern" || kind == "list_pattern" ||
               kind == "tuple" || kind == "list") {
      // a, b = x, y binds each name to its own element; a, b = f() to element k of f().
      const std::vector<Node> parts = left.children();
      const std::string_view vk = value.kind();
      const std::vector<Node> items =
          (vk == "expression_list" || vk == "tuple") && unpack < 0 ? value.children()
                                                                   : std::vector<Node>{};
      for (std::size_t k = 0; k < parts.size(); ++k) {
        if (items.size() == parts.size()) {
          target(parts[k], items[k], -1, depth + 1);
        } else {
          target(parts[k], value, unpack < 0 ? static_cast<int>(k) : -2, depth + 1);
        }
      }
    } else if (kind == "attribute") {
      Scope* cls = method_class();
      const Node object = left.field("object");
      if (cls && object.kind() == "identifier" && object.text() == self_name()) {
        const std::string attr(left.field("attribute").text());
        Binding b{BindingKind::kVariable, attr, value, "", Node(), -1, &scope_};
        b.unpack = unpack;
        cls->instance_attributes_[attr].push_back(std::move(b));
      }
    }
  }

  void import_names(const Node& stmt) {
    for (const Node& name : stmt.fields("name")) {
      if (name.kind() == "aliased_import") {
        bind({BindingKind::kImport, std::string(name.field("alias").text()), name,
              std::string(name.field("name").text()), Node(), -1});
      } else {
        // `import a.b.c` binds `a`, which is the module a.
        const std::string dotted(name.text());
        const std::string first = dotted.substr(0, dotted.find('.'));
        bind({BindingKind::kImport, first, name, first, Node(), -1});
      }
    }
  }

  void import_from(const Node& stmt) {
    const std::string module(stmt.field("module_name").text());
    for (const Node& child : stmt.children()) {
      if (child.kind() == "wildcard_import") scope_.star_imports_.push_back(module);
    }
    const std::string sep = !module.empty() && module.back() == '.' ? "" : ".";
    for (const Node& name : stmt.fields("name")) {
      if (name.kind() == "aliased_import") {
        const std::string what(name.field("name").text());
        bind({BindingKind::kImport, std::string(name.field("alias").text()), name,
              module + sep + what, Node(), -1});
      } else {
        const std::string what(name.text());
        bind({BindingKind::kImport, what, name, module + sep + what, Node(), -1});
      }
    }
  }

  void definition(const Node& def, int depth) {
    const bool is_class = def.kind() == "class_definition";
    const std::string name(def.field("name").text());
    bind({is_class ? BindingKind::kClass : BindingKind::kFunction, name, def, "", Node(), -1});
    if (depth >= kMaxScopeDepth) return;
    auto child = std::make_unique<Scope>();
    child->kind_ = is_class ? Scope::Kind::kClass : Scope::Kind::kFunction;
    child->name_ = name;
    child->node_ = def;
    child->parent_ = &scope_;
    BinderImpl inner(*child, is_class ? nullptr : (scope_.kind_ == Scope::Kind::kClass ? &scope_ : nullptr));
    if (!is_class) inner.parameters(def.field("parameters"));
    inner.statements(def.field("body"), depth + 1);
    scope_.children_.push_back(std::move(child));
  }

  void statement(const Node& stmt, int depth) {
    const std::string_view kind = stmt.kind();
    if (kind == "expression_statement") {
      for (const Node& e : stmt.children()) {
        if (e.kind() == "assignment" || e.kind() == "augmented_assignment") assignment(e);
      }
    } else if (kind == "import_statement") {
      import_names(stmt);
    } else if (kind == "import_from_statement" || kind == "future_import_statement") {
      import_from(stmt);
    } else if (kind == "class_definition" || kind == "function_definition") {
      definition(stmt, depth);
    } else if (kind == "decorated_definition") {
      definition(stmt.field("definition"), depth);
    } else if (kind == "for_statement") {
      target(stmt.field("left"), stmt);
      statements(stmt.field("body"), depth);
      if (const Node alt = stmt.field("alternative"); !alt.is_null()) compound(alt, depth);
    } else {
      compound(stmt, depth);
    }
  }

  void assignment(const Node& a) {
    Node value = a.field("right");
    // a = b = f(): every target is bound to the innermost value.
    while (!value.is_null() && value.kind() == "assignment") {
      target(value.field("left"), value.field("right"));
      value = value.field("right");
    }
    target(a.field("left"), value);
  }

  /// if / while / try / with and their clauses: bodies stay in this scope.
  void compound(const Node& stmt, int depth) {
    for (const Node& part : stmt.children()) {
      const std::string_view kind = part.kind();
      if (kind == "block") {
        statements(part, depth);
      } else if (kind.size() > 7 && kind.substr(kind.size() - 7) == "_clause") {
        compound(part, depth);
      }
    }
  }

  static constexpr int kMaxBlockDepth = 256;
  Scope& scope_;
  Scope* class_;
  int block_depth_ = 0;
};

const std::vector<Binding>* Scope::lookup(const std::string& name) const {
  for (const Scope* s = this; s; s = s->parent_) {
    // Class bodies do not enclose the functions defined in them.
    if (s != this && s->kind_ == Kind::kClass) continue;
    auto it = s->names_.find(name);
    if (it != s->names_.end()) return &it->second;
  }
  return nullptr;
}

const Scope* Scope::scope_of(const Node& node) const {
  for (const auto& c : children_) {
    if (c->node_.start() == node.start() && c->node_.kind() == node.kind()) return c.get();
    if (const Scope* deeper = c->scope_of(node)) return deeper;
  }
  return nullptr;
}

const Scope* Scope::child(const std::string& name) const {
  for (const auto& c : children_) {
    if (c->name_ == name) return c.get();
  }
  return nullptr;
}

std::unique_ptr<Scope> bind_module(const SyntaxTree& tree) {
  auto module = std::make_unique<Scope>();
  module->kind_ = Scope::Kind::kModule;
  module->name_ = tree.file().path;
  module->node_ = tree.root();
  BinderImpl(*module).statements(tree.root(), 0);
  return module;
}

}  // namespace kvcheck::scan
