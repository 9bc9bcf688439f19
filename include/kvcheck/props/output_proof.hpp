// Output proofs: a property about outputs decided for every configuration by combining the
// shape proof, the head proof (index semantics) and the position proof (isl).
#pragma once

#include "kvcheck/model/implementation.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {

/// The fixed symbols of one model's head counts.
FixedSymbols model_heads(const HeadCounts& heads);
/// `proof` with the fixed symbols' values added to its counter-model.
Proof with_fixed(Proof proof, const FixedSymbols& fixed);

/// The output properties that index semantics decide.
enum class OutputClaim { kOutputEquivalence, kMhaReduction, kHeadMapping, kChunkedPrefill };

/// PROVED when every part is proved; REFUTED with the part whose smallest counter-model
/// comes first (its obligation, op, condition, and the head or token that goes wrong);
/// UNKNOWN, with the reason, when nothing is refuted and some part is not decided.
/// With `heads`, only that model's head counts (every run size): what `kvcheck check` says
/// about one model.
Proof prove_output(const model::Implementation& impl, OutputClaim claim,
                   const std::optional<HeadCounts>& heads = std::nullopt);

}  // namespace kvcheck::props
