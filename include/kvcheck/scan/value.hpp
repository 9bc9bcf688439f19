// Value: what the abstract interpreter knows about a Python value. Unknown is a value with
// a reason and a place, and never becomes a finding.
#pragma once

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "kvcheck/scan/syntax_tree.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::scan {

struct Value;

/// Nothing is known; `reason` says why, `at` where the analysis gave up.
struct UnknownValue {
  std::string reason;
  SourceLocation at;
};
/// An integer size: an exact polynomial over the configuration symbols.
struct IntValue {
  sym::Dim dim;
};
struct NoneValue {};
struct BoolValue {
  bool value = false;
};
struct StrValue {
  std::string value;
};
struct TupleValue {
  std::vector<Value> items;
};
/// A model config or argument object (`args`, `config`, `params`): its attributes are the
/// sizes their names seed.
struct ConfigValue {
  std::string name;
};
/// An imported module or a function of one, by its dotted name ("torch.nn.functional").
struct ModuleValue {
  std::string dotted;
};
/// A tensor whose shape is known in symbols; `made_by` names the call that made it.
struct TensorValue {
  std::vector<sym::Dim> shape;
  std::string made_by;
  SourceLocation at;
};
/// nn.Linear(in_features, out_features).
struct LinearValue {
  sym::Dim in_features;
  sym::Dim out_features;
};

struct Value {
  std::variant<UnknownValue, IntValue, NoneValue, BoolValue, StrValue, TupleValue, ConfigValue,
               ModuleValue, TensorValue, LinearValue>
      v;

  bool is_unknown() const { return std::holds_alternative<UnknownValue>(v); }
  const IntValue* as_int() const { return std::get_if<IntValue>(&v); }
  const UnknownValue* as_unknown() const { return std::get_if<UnknownValue>(&v); }
  /// "n_kv_heads", "(n_heads, head_dim)", "unknown (why)".
  std::string to_string() const;

  static Value unknown(std::string reason, SourceLocation at = {});
  static Value integer(sym::Dim d);
};

}  // namespace kvcheck::scan
