// Binder: the names a Python module defines and where, scope by scope (module, class,
// function), before anything is evaluated. The analyser asks it what a name refers to; it
// never guesses what a value is.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "kvcheck/scan/syntax_tree.hpp"

namespace kvcheck::scan {

/// What a binding introduces.
enum class BindingKind { kImport, kClass, kFunction, kVariable, kParameter };

/// One place that binds a name.
struct Binding {
  BindingKind kind = BindingKind::kVariable;
  std::string name;
  Node node;           ///< the definition, the assignment's right side, or the parameter
  std::string target;  ///< kImport: the dotted name imported ("torch.nn.functional",
                       ///< ".cache.KVCache" for a relative import); empty otherwise
  Node default_value;  ///< kParameter: its default, or null
  int position = -1;   ///< kParameter: its index in the parameter list
  const class Scope* scope = nullptr;  ///< the scope its node is evaluated in
  /// `a, b = f()`: the name is element `unpack` of the value of `node` (-1: the whole value).
  int unpack = -1;
};

/// A scope and the names bound in it, in source order per name.
class Scope {
 public:
  enum class Kind { kModule, kClass, kFunction };

  Kind kind() const { return kind_; }
  const std::string& name() const { return name_; }
  const Node& node() const { return node_; }
  const Scope* parent() const { return parent_; }
  const std::vector<std::unique_ptr<Scope>>& children() const { return children_; }
  /// Names bound here, each with every binding in source order.
  const std::map<std::string, std::vector<Binding>>& names() const { return names_; }
  /// Class scopes: `self.<attr>` assignments in its methods (the first parameter of each
  /// method), attribute name -> bindings of the assigned values.
  const std::map<std::string, std::vector<Binding>>& instance_attributes() const {
    return instance_attributes_;
  }
  /// Function scopes: the parameters in order.
  const std::vector<Binding>& parameters() const { return parameters_; }
  /// Names the module imports with `from M import *` (resolution must stay Unknown).
  const std::vector<std::string>& star_imports() const { return star_imports_; }

  /// The bindings `name` resolves to when used in this scope, by Python's rule: this scope,
  /// then enclosing function scopes (never class scopes), then the module. Empty when the
  /// name is unbound (a builtin, or a star import's).
  const std::vector<Binding>* lookup(const std::string& name) const;
  /// The child scope of the class or function defined by `node`, or nullptr.
  const Scope* scope_of(const Node& node) const;
  /// The child class or function scope called `name`, or nullptr.
  const Scope* child(const std::string& name) const;

 private:
  friend class BinderImpl;
  friend std::unique_ptr<Scope> bind_module(const SyntaxTree& tree);
  Kind kind_ = Kind::kModule;
  std::string name_;
  Node node_;
  const Scope* parent_ = nullptr;
  std::vector<std::unique_ptr<Scope>> children_;
  std::map<std::string, std::vector<Binding>> names_;
  std::map<std::string, std::vector<Binding>> instance_attributes_;
  std::vector<Binding> parameters_;
  std::vector<std::string> star_imports_;
};

/// Binds every scope of `tree`'s module. Nesting deeper than kMaxScopeDepth is not
/// followed (the deeper definitions stay unbound, so using them is Unknown).
std::unique_ptr<Scope> bind_module(const SyntaxTree& tree);

inline constexpr int kMaxScopeDepth = 64;

}  // namespace kvcheck::scan
