// search: RapidCheck's random search with shrinking over configurations, for one property
// and one implementation, with the shrunk counterexample captured as data.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "kvcheck/check/config_gen.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::check {

/// How the search runs; the same parameters give the same result, byte for byte.
struct SearchParams {
  std::uint64_t seed = 1;
  int max_success = 100;  ///< cases that must pass before the property is CHECKED
  int max_size = 100;     ///< RapidCheck's size ramps from 0 to this
  bool full_range = false;  ///< draw every case at the full bounds (rc::gen::resize)
  ConfigBounds bounds;
};

/// What the search found.
struct SearchResult {
  int cases = 0;  ///< cases run before the first failure (or in all, when none failed)
  int shrinks = 0;  ///< shrink steps accepted on the way to the smallest counterexample
  std::optional<props::Case> counterexample;  ///< the shrunk case
  std::optional<props::Failure> failure;      ///< why the shrunk case fails
  std::map<std::string, int> regimes;         ///< regime -> cases that exercised it
  std::string error;  ///< RapidCheck gave up or kvcheck failed internally (never expected)
  /// A case could not run (out of memory): nothing was checked, and this says why.
  std::string not_run;

  bool failed() const { return counterexample.has_value(); }
};

/// Searches for a configuration where `property` fails for `impl`, and shrinks it.
/// The numeric inputs of every case come from `params.seed`. Configs come from `configs`
/// when given (e.g. one model's head counts with generated run sizes), else from
/// gen_config(params.bounds).
SearchResult search(const props::Property& property, const model::Implementation& impl,
                    const SearchParams& params,
                    const std::optional<rc::Gen<model::AttentionConfig>>& configs = std::nullopt);

}  // namespace kvcheck::check
