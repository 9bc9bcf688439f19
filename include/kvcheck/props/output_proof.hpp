// Output proofs: a property about outputs decided for every configuration by combining the
// shape proof, the head proof (index semantics) and the position proof (isl).
#pragma once

#include "kvcheck/model/implementation.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

/// The output properties that index semantics decide.
enum class OutputClaim { kOutputEquivalence, kMhaReduction, kHeadMapping, kChunkedPrefill };

/// PROVED when every part is proved; REFUTED with the part whose smallest counter-model
/// comes first (its obligation, op, condition, and the head or token that goes wrong);
/// UNKNOWN, with the reason, when nothing is refuted and some part is not decided.
Proof prove_output(const model::Implementation& impl, OutputClaim claim);

}  // namespace kvcheck::props
