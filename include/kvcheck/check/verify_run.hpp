// run_verify: the verdict matrix (variant x property) and its comparison with the catalog.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/check/verdict.hpp"

namespace kvcheck::check {

/// What to verify. Empty lists mean every variant / every property.
struct VerifyOptions {
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  SearchParams params;
};

/// The matrix, row-major by variant, and how it compares with the catalog.
struct VerifyRun {
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  std::vector<Verdict> verdicts;  ///< variants.size() * properties.size(), row-major
  SearchParams params;

  const Verdict& at(std::size_t variant, std::size_t property) const {
    return verdicts[variant * properties.size() + property];
  }
  /// Verdicts that differ from what the catalog says the variant does.
  int mismatches() const;
  /// Verdicts that fail (whatever the catalog expects).
  int failures() const;
};

/// True when the verdict is what the catalog documents for its variant: it fails exactly
/// where the catalog says it fails. UNKNOWN and INCONSISTENT never match.
bool matches_catalog(const Verdict& v);

/// Runs every (variant, property) pair. Unknown names raise kvcheck::InputError.
VerifyRun run_verify(const VerifyOptions& options);

}  // namespace kvcheck::check
