// Text reports for people: the verdict matrix, counterexamples, proofs and the catalog.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/check/verify_run.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/report/style.hpp"

namespace kvcheck::report {

/// The verdict matrix, then one block per failing verdict, then the catalog comparison.
std::string verify_text(const check::VerifyRun& run, const Style& style);

/// One failing verdict: property, variant, smallest config, step, op with its line of code,
/// shapes on both sides, the condition for every configuration, the numeric difference,
/// the seed and the replay command.
std::string counterexample_text(const check::Verdict& v, const Style& style);

/// Counterexample blocks of failing verdicts, folding a repeat of the same shape error
/// (same variant, config, step and op) into a pointer at the first block.
std::string counterexamples_text(const std::vector<const check::Verdict*>& verdicts,
                                 const Style& style);

/// The symbolic proof of every property that symbols decide, for one variant.
std::string proof_text(const model::Variant& variant, const Style& style);

/// The catalog: each variant's name, summary, code and explanation.
std::string variants_text(const Style& style);

}  // namespace kvcheck::report
