// Head proofs: which kv head every query head reads, from the program's index semantics,
// decided for every head configuration by the mixed-radix normal form.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/index/condition.hpp"
#include "kvcheck/model/implementation.hpp"
#include "kvcheck/model/program.hpp"
#include "kvcheck/props/symbolic_run.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::props {

/// The outcome of the head obligations.
struct HeadVerdict {
  sym::Truth truth = sym::Truth::kUnknown;
  std::vector<std::string> steps;  ///< each obligation with its index functions
  /// For kRefuted: the first failing obligation, the op responsible, where it fails, and
  /// the query head that reads the wrong kv head at the smallest configuration.
  std::string obligation;
  std::string op_pseudo;
  std::string op_name;
  index::Condition fails;
  std::string where;
  std::string reason;  ///< for kUnknown
};

/// Decides, for every configuration with the `fixed` symbols at their values (group = 1 for
/// the MHA reduction, a model's head counts): query head h of the attention reads query
/// projection head h, and key and value head h / group, for the same batch row; so the data
/// in that head is the kv projection of kv head h / group.
/// `at` fixes symbols after the proof, in its conditions and counter-model only: a model's
/// head counts, where substituting them into the program would erase a one-element head
/// axis and with it the lineage the proof reads.
HeadVerdict prove_heads(const model::Implementation& impl, const FixedSymbols& fixed = {},
                        const FixedSymbols& at = {});
/// The same for a given prefill program (the fixed symbols already substituted): UNKNOWN,
/// with the op and the reason, where an op's index semantics cannot be followed exactly.
HeadVerdict prove_heads(const model::Program& prefill, const FixedSymbols& fixed = {},
                        const FixedSymbols& at = {});

}  // namespace kvcheck::props
