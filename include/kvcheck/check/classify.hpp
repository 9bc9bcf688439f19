// Classification of the implementation space: every combination of Implementation choices,
// each property decided for every configuration by proof.
#pragma once

#include <vector>

#include "kvcheck/model/implementation.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::check {

/// One implementation with the proof of every property that has one, in registry order.
struct Classification {
  model::Implementation impl;
  std::vector<const props::Property*> properties;
  std::vector<props::Proof> proofs;

  /// Every proof is PROVED.
  bool correct() const;
  /// Nothing is refuted, but some proof is UNKNOWN.
  bool undecided() const;
  /// Ids of the refuted properties.
  std::vector<std::string> refuted() const;
};

Classification classify(const model::Implementation& impl);
/// model::all_implementations(), each classified.
std::vector<Classification> classify_all();

}  // namespace kvcheck::check
