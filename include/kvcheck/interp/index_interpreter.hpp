// IndexInterpreter: runs a program over index semantics: for every value, besides its shape,
// where its elements come from (interp/ holds the interpreters; the rules are index/ops/).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "kvcheck/index/index_rules.hpp"
#include "kvcheck/model/program.hpp"

namespace kvcheck::interp {

/// Where the index semantics of a program could not be followed.
struct IndexFailure {
  const model::Op* op = nullptr;
  std::string reason;
};

/// The axes of every value a program computes. Sources: "batch" and "seq" for the input's
/// batch and token axes, "hidden" for its features, "<weight>.out" for a projection's output
/// features, "slot" for a cache buffer's sequence axis (whose contents the position layer
/// tracks), copy digits for zeros and repeats.
class IndexInterpreter {
 public:
  /// Interprets the setup ops, then the step ops; stops at the first op it cannot model.
  std::optional<IndexFailure> run(const model::Program& program);
  /// The axes of a value, or nullptr.
  const index::Axes* value(const std::string& name) const;
  /// The op that defined a value last, or nullptr.
  const model::Op* defined_by(const std::string& name) const;

 private:
  index::IndexResult apply(const model::Op& op, const model::Program& program);
  std::map<std::string, index::Axes> values_;
  std::map<std::string, const model::Op*> defining_;
};

}  // namespace kvcheck::interp
