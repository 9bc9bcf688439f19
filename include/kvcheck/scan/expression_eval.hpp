// ExpressionEvaluator: the value of a Python expression, as far as sizes go: integers as
// exact polynomials over the configuration symbols, seeded by config attribute names and
// computed through assignments, attributes of `self`, defaults and arithmetic.
#pragma once

#include <map>
#include <set>
#include <string>
#include <utility>

#include "kvcheck/scan/binder.hpp"
#include "kvcheck/scan/value.hpp"

namespace kvcheck::scan {

/// Where an expression is evaluated: its scope, the values bound there (parameters from a
/// call site), and the class `self` belongs to in a method.
struct Frame {
  const Scope* scope = nullptr;
  std::map<std::string, Value> locals;
  const Scope* self_class = nullptr;
  std::string self_name = "self";
};

/// Evaluates expressions; one evaluator per analysis, since it remembers what it is in the
/// middle of evaluating (a value defined in terms of itself is Unknown, not a loop).
class ExpressionEvaluator {
 public:
  /// Nested evaluations (a name whose value is an expression naming another...) deeper than
  /// this are Unknown.
  static constexpr int kMaxDepth = 64;

  Value evaluate(const Node& expr, const Frame& frame);

  /// The frame of a method of `cls` (self bound to the instance) or of a module.
  static Frame frame_of(const Scope& scope);

 private:
  Value evaluate_name(const Node& node, const std::string& name, const Frame& frame);
  Value evaluate_binding(const Binding& b, const Node& use, const Frame& frame);
  Value evaluate_attribute(const Node& node, const Frame& frame);
  Value evaluate_binary(const Node& node, const Frame& frame);
  Value evaluate_conditional(const Node& node, const Frame& frame);
  Value evaluate_call(const Node& node, const Frame& frame);
  Value join(const std::vector<Value>& values, const Node& at, const std::string& what);

  int depth_ = 0;
  std::set<std::pair<int, int>> active_;  ///< start locations of bindings being evaluated
};

/// Python's parameter names that stand for a whole model config object.
bool is_config_object_name(const std::string& name);

}  // namespace kvcheck::scan
