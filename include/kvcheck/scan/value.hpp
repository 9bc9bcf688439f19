// Value: what the abstract interpreter knows about a Python value. Unknown is a value with
// a reason and a place, and never becomes a finding.
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "kvcheck/index/axis_map.hpp"
#include "kvcheck/scan/syntax_tree.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::scan {

class Scope;
struct Value;

/// A place in the scanned code: file and 1-based line/column.
struct CodeLocation {
  std::string file;
  SourceLocation at;
  bool known() const { return !file.empty() && at.line > 0; }
  /// "model.py:12:9".
  std::string to_string() const;
};

/// Where the positions a tensor holds along its sequence axis start: an arange of positions,
/// rows of a table built from one (a rotary table) sliced from `start`, or tokens rotated
/// with such rows.
struct PositionInfo {
  sym::Dim start;
  CodeLocation at;  ///< where the positions were chosen (the slice of the table)
};

/// Nothing is known; `reason` says why, `at` where the analysis gave up. `positions`: what
/// is still known of a tensor whose shape is not (a rotary table whose width is head_dim / 2
/// still has one row per position).
struct UnknownValue {
  std::string reason;
  SourceLocation at;
  std::optional<PositionInfo> positions;
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

/// A tuple or list. `homogeneous`: a list built by a comprehension or `[x] * n`, whose one
/// item stands for every element (layers of a ModuleList).
struct TupleValue {
  std::vector<Value> items;
  bool homogeneous = false;
  /// A homogeneous list's length when known (`[k] * n_rep` has n_rep elements).
  std::optional<sym::Dim> count;
};

/// A slice `start:stop:step`; each bound an IntValue, NoneValue or Unknown.
struct SliceValue {
  std::shared_ptr<Value> start, stop, step;
};

/// `...` in an index.
struct EllipsisValue {};

/// A model config or argument object (`args`, `config`, `params`): its attributes are the
/// sizes their names seed.
struct ConfigValue {
  std::string name;
};

/// An imported module or a function of one, by its dotted name ("torch.nn.functional").
struct ModuleValue {
  std::string dotted;
};

/// The repeat of kv heads a tensor went through, for messages and related locations.
struct RepeatInfo {
  CodeLocation at;
  std::string op;  ///< "repeat_kv", "expand + reshape", "Tensor.repeat", ...
  long order = 0;  ///< when it ran, in the interpreter's steps (before or after a cache write)
};

/// A tensor whose shape is known in symbols.
struct TensorValue {
  std::vector<sym::Dim> shape;
  std::string made_by;
  SourceLocation at;
  /// Index semantics per axis (where each element comes from), or empty when not known.
  std::vector<index::AxisMap> axes;
  /// The cache buffer this tensor is (a view of), or -1.
  int buffer = -1;
  /// For a view of a buffer: per axis, the buffer axis it is and whether it is the whole axis.
  std::vector<int> buffer_axis;
  std::optional<PositionInfo> positions;
  std::optional<RepeatInfo> repeat;
  /// A boolean or additive mask built in the code (triu/tril/full with -inf), or a mask param.
  bool is_mask = false;
};

/// nn.Linear(in_features, out_features), named by the attribute that holds it.
struct LinearValue {
  sym::Dim in_features;
  sym::Dim out_features;
  std::string name;
};

/// An instance of a class of the scanned code, or of a library class (`cls` null).
struct Instance {
  const Scope* cls = nullptr;
  std::string class_name;
  std::map<std::string, Value> attributes;
  /// A library object whose attributes are read by the config-name table (monkey patches
  /// of transformers' attention classes).
  bool library = false;
};
struct ObjectValue {
  std::shared_ptr<Instance> object;
};

/// A function or method of the scanned code; `self` set for a bound method.
struct FunctionValue {
  const Scope* function = nullptr;
  std::shared_ptr<Instance> self;
};

/// A class of the scanned code.
struct ClassValue {
  const Scope* cls = nullptr;
};

/// A Hugging Face cache object (`past_key_value`: DynamicCache and friends), holding
/// `past` positions per layer with the heads of whatever is written into it.
struct HfCacheValue {
  sym::Dim past;
};

struct Value {
  std::variant<UnknownValue, IntValue, NoneValue, BoolValue, StrValue, TupleValue, SliceValue,
               EllipsisValue, ConfigValue, ModuleValue, TensorValue, LinearValue, ObjectValue,
               FunctionValue, ClassValue, HfCacheValue>
      v;

  bool is_unknown() const { return std::holds_alternative<UnknownValue>(v); }
  const IntValue* as_int() const { return std::get_if<IntValue>(&v); }
  const UnknownValue* as_unknown() const { return std::get_if<UnknownValue>(&v); }
  const TensorValue* as_tensor() const { return std::get_if<TensorValue>(&v); }
  const TupleValue* as_tuple() const { return std::get_if<TupleValue>(&v); }
  /// "n_kv_heads", "(n_heads, head_dim)", "unknown (why)".
  std::string to_string() const;

  static Value unknown(std::string reason, SourceLocation at = {});
  static Value integer(sym::Dim d);
  static Value tuple(std::vector<Value> items);
};

/// The positions a tensor (or an Unknown tensor) holds, when known.
std::optional<PositionInfo> positions_of(const Value& v);
/// `v` with its positions set, for a tensor or an Unknown.
Value with_positions(Value v, const std::optional<PositionInfo>& p);

/// True when both are the same size, or print the same and are not Unknown.
bool same_value(const Value& a, const Value& b);

}  // namespace kvcheck::scan
