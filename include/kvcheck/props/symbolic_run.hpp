// Symbolic runs: the program interpreted over dimension polynomials for the steps that
// stand for every step of every run, so a shape obligation is discharged for all configs.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/model/program.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

/// A step over symbols.
struct SymbolicStep {
  std::string label;
  model::StepDims dims;
};

/// The steps that cover every run: the whole prefill (pos 0, prompt_len tokens, cache
/// length prompt_len + decode_steps + cache_spare); a prefill chunk of chunk_len tokens at
/// any pos (cache length pos + chunk_len + cache_spare); and the last decode step (pos =
/// prompt_len + decode_steps - 1). Positions enter the rules only through capacity checks,
/// which are monotone in pos, so the last decode step is the hardest one.
std::vector<SymbolicStep> symbolic_steps();

/// The cache length every symbolic step but the chunk uses.
sym::Dim symbolic_cache_len();

/// Symbols fixed to values (group = 1 for the MHA reduction, one model's head counts).
using FixedSymbols = std::vector<std::pair<sym::Symbol, sym::Dim>>;

/// Which configurations and steps a shape proof covers.
struct ShapeScope {
  bool prefill_only = false;  ///< skip the decode step (runs with decode_steps = 0)
  FixedSymbols fixed;         ///< e.g. group = 1 (n_kv_heads = n_heads)
};

/// Interprets `impl` over every symbolic step: Proved with one line per op, or Refuted at
/// the first op whose rule fails for some configuration.
Proof prove_shapes(const model::Implementation& impl, const ShapeScope& scope = {});

/// The program with `by` substituted for `s` in every size and position it holds.
model::Program substitute(model::Program program, sym::Symbol s, const sym::Dim& by);
/// Sets every fixed symbol whose value is a constant in `point` (a counter-model of a proof
/// made with those symbols fixed).
void set_constants(sym::Assignment& point, const FixedSymbols& fixed);

/// The program with every fixed symbol substituted.
model::Program substitute(model::Program program, const FixedSymbols& fixed);

}  // namespace kvcheck::props
