// RapidCheck with a fixed seed and no output of its own, for properties that must draw the
// same cases on every run (a differential suite whose counts are part of its report).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <functional>
#include <string>

namespace kvcheck::torch_test {

/// The one seed every differential property starts from.
inline constexpr std::uint64_t kSeed = 0x6b76636865636bULL;  // "kvcheck"

/// How many cases a property draws.
struct CheckParams {
  int cases = 1000;
  /// RapidCheck's size parameter only matters to sized generators; these draw uniformly.
  int max_size = 100;
};

/// How a property's cases went: PyTorch and kvcheck's rule agreed on accepting, agreed on
/// rejecting, the case is one the rule does not model and was left out, or it is one of the
/// reported disagreements (known_disagreements.hpp), checked to still disagree as reported.
struct Tally {
  int accepted = 0;
  int rejected = 0;
  int excluded = 0;
  int known_disagreements = 0;
};

/// Runs `property` (a body using RC_ASSERT and `*gen`) for `params.cases` cases from kSeed.
/// Success, or a failure naming the shrunk counterexample and RapidCheck's description.
::testing::AssertionResult check_fixed_seed(const std::string& name,
                                            const std::function<void()>& property,
                                            const CheckParams& params = {});

/// Checks that `tally` saw both sides of the rule and prints its counts, one line per rule,
/// so the run's log says what was exercised.
::testing::AssertionResult both_sides_seen(const std::string& rule, const Tally& tally);

}  // namespace kvcheck::torch_test
