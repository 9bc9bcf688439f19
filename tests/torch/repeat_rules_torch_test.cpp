// The repeat rules against libtorch: repeat (tiling, new dims lead) and repeat_interleave
// with one integer count (how repeat_kv copies each kv head).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>

#include "known_disagreements.hpp"
#include "kvcheck/shape/ops/repeat.hpp"
#include "kvcheck/shape/ops/repeat_interleave.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

// A repeat count: mostly 0-3, now and then negative so that the rule's check is exercised.
std::int64_t draw_repeat_count() {
  return draw_chance(6) ? draw_between(-2, -1) : draw_between(0, 3);
}

TEST(RepeatRulesAgainstTorch, Repeat) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("repeat", [&] {
    const Sizes self = draw_sizes();
    const auto rank = static_cast<std::int64_t>(self.size());
    // One entry too few up to two new leading dims (five dims of at most 5 * 3 elements).
    const std::int64_t count = std::max<std::int64_t>(0, rank + draw_between(-1, 2));
    Sizes repeats;
    for (std::int64_t i = 0; i < std::min<std::int64_t>(count, kMaxRank + 1); ++i) {
      repeats.push_back(draw_repeat_count());
    }
    const TorchOutcome torch = run_torch([&] { return zeros(self).repeat(repeats); });
    const std::string call =
        "repeat(self " + sizes_text(self) + ", repeats " + sizes_text(repeats) + ")";
    const RuleResult rule = shape::repeat(to_shape(self), repeats);
    expect_as_known(known_disagreement_repeat(self, repeats), call, rule, torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("repeat", tally));
}

TEST(RepeatRulesAgainstTorch, RepeatInterleave) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("repeat_interleave", [&] {
    // Exclusion (repeat_interleave.hpp): a 0-dim self is not modelled, so self has a dim.
    const Sizes self = draw_sizes(1);
    const std::int64_t dim = draw_dim(static_cast<std::int64_t>(self.size()));
    const std::int64_t repeats = draw_repeat_count();
    const TorchOutcome torch =
        run_torch([&] { return zeros(self).repeat_interleave(repeats, dim); });
    const std::string call = "repeat_interleave(self " + sizes_text(self) + ", repeats " +
                             std::to_string(repeats) + ", dim " + std::to_string(dim) + ")";
    const RuleResult rule = shape::repeat_interleave(to_shape(self), repeats, dim);
    expect_as_known(known_disagreement_repeat_interleave(self, repeats, dim), call, rule, torch,
                    tally);
  }));
  ASSERT_TRUE(both_sides_seen("repeat_interleave", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
