// Verdict: what kvcheck concludes about one property of one implementation, combining the
// symbolic proof (for every configuration) with the concrete search (RapidCheck).
#pragma once

#include <optional>
#include <string>

#include "kvcheck/check/search.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::check {

/// PROVED: symbols decide it holds for every configuration (and the search agrees).
/// CHECKED: no counterexample in n generated cases; symbols cannot decide it.
/// REFUTED: it fails; the search's shrunk counterexample (and the prover's condition and
///          smallest counter-model where symbols decide it) say where.
/// UNKNOWN: the prover could not decide and the search found nothing.
/// INCONSISTENT: the prover and the search disagree: a bug in kvcheck, never hidden.
enum class Status { kProved, kChecked, kRefuted, kUnknown, kInconsistent };

std::string to_string(Status s);

/// The verdict for one (implementation, property).
struct Verdict {
  std::string variant;   ///< catalog name, or "custom" for a user's implementation
  model::Implementation impl;
  std::string property;  ///< property id
  Status status = Status::kUnknown;
  std::optional<props::Proof> proof;
  SearchResult search;
  std::uint64_t seed = 0;
  std::string note;  ///< for kInconsistent: what disagreed

  bool fails() const { return status == Status::kRefuted; }
  bool holds() const { return status == Status::kProved || status == Status::kChecked; }
};

/// The concrete config of a symbolic counter-model: its symbols' values, everything else at
/// its smallest (1 for sizes, 0 for decode steps and the cache's spare slots); chunk_len
/// without pos is the prefill chunk size.
model::AttentionConfig config_of(const sym::Assignment& witness);

/// Runs the prover (when the property has one) and the search over every configuration,
/// and combines them.
Verdict verify(const std::string& variant, const model::Implementation& impl,
               const props::Property& property, const SearchParams& params);

/// The verdict for one model: the search draws only `configs` (the model's head counts
/// with generated run sizes), so the status says what happens to this model. `proof` is
/// property.prove(impl), over every configuration, computed once by the caller for all
/// models that share the implementation; it is attached for the report. `model_proof` is
/// property.prove_for(impl, the model's head counts): PROVED there (and no failing case)
/// makes the status PROVED for every run of this model; REFUTED there while every generated
/// run passes puts its counter-model to the concrete test.
Verdict verify_model(const std::string& variant, const model::Implementation& impl,
                     const props::Property& property, const SearchParams& params,
                     const rc::Gen<model::AttentionConfig>& configs,
                     const std::optional<props::Proof>& proof,
                     const std::optional<props::Proof>& model_proof = std::nullopt);

}  // namespace kvcheck::check
