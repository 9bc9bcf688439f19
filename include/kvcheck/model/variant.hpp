// The variant catalog: named implementations that real projects have shipped, each with
// what it breaks and what kvcheck is expected to find.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "kvcheck/model/implementation.hpp"

namespace kvcheck::model {

/// What a property is expected to do on a variant: hold for every configuration, or fail
/// on some (with the documented smallest counterexample in the catalog entry).
enum class Expectation { kHolds, kFails };

/// One catalog entry.
struct Variant {
  std::string name;         ///< kebab-case id, e.g. "cache-sized-by-n_heads"
  std::string summary;      ///< one line for tables
  std::string explanation;  ///< one paragraph: what the code does and what goes wrong
  std::string pseudo;       ///< the distinguishing lines of code, as a reader would see them
  Implementation impl;
  /// Expected verdict per property id; properties not listed are expected to hold.
  std::map<std::string, Expectation> expected;

  Expectation expectation(const std::string& property) const;
};

/// Every variant, `fixed` first.
const std::vector<Variant>& variant_catalog();
/// The variant called `name`, or nullptr.
const Variant* find_variant(const std::string& name);
/// Names in catalog order, for help texts and errors.
std::vector<std::string> variant_names();

}  // namespace kvcheck::model
