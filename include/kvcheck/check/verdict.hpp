// Verdict: what kvcheck concludes about one property of one implementation, combining the
// symbolic proof (for every configuration) with the concrete search (RapidCheck).
#pragma once

#include <memory>
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

/// A proof held by reference: the proof for every configuration is one value that every
/// verdict of a folder's configs points to, not a copy per config. Reads like
/// std::optional<props::Proof>; empty when there is no proof.
class SharedProof {
 public:
  SharedProof() = default;
  SharedProof(std::optional<props::Proof> proof)  // NOLINT: implicit, as optional is
      : proof_(proof ? std::make_shared<const props::Proof>(std::move(*proof)) : nullptr) {}
  SharedProof(props::Proof proof)  // NOLINT
      : proof_(std::make_shared<const props::Proof>(std::move(proof))) {}

  explicit operator bool() const { return proof_ != nullptr; }
  bool has_value() const { return proof_ != nullptr; }
  const props::Proof& operator*() const { return *proof_; }
  const props::Proof* operator->() const { return proof_.get(); }
  const props::Proof* get() const { return proof_.get(); }

 private:
  std::shared_ptr<const props::Proof> proof_;
};

/// The verdict for one (implementation, property).
struct Verdict {
  std::string variant;  ///< catalog name, or "custom" for a user's implementation
  model::Implementation impl;
  std::string property;  ///< property id
  Status status = Status::kUnknown;
  SharedProof proof;
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
                     const rc::Gen<model::AttentionConfig>& configs, const SharedProof& proof,
                     const std::optional<props::Proof>& model_proof = std::nullopt);

}  // namespace kvcheck::check
