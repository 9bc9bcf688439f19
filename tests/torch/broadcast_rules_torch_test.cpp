// The broadcasting rules against libtorch: broadcast_shapes, expand and masked_fill.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <optional>

#include "known_disagreements.hpp"
#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/expand.hpp"
#include "kvcheck/shape/ops/masked_fill.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

TEST(BroadcastRulesAgainstTorch, BroadcastShapes) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("broadcast_shapes", [&] {
    const Sizes a = draw_sizes();
    const Sizes b = draw_chance(4) ? draw_sizes() : draw_near(a);
    // libtorch 1.13's C++ API has no broadcast_shapes; an elementwise add broadcasts the same.
    const TorchOutcome torch = run_torch([&] { return zeros(a) + zeros(b); });
    expect_agreement("broadcast_shapes(" + sizes_text(a) + ", " + sizes_text(b) + ")",
                     shape::broadcast_shapes(to_shape(a), to_shape(b)), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("broadcast_shapes", tally));
}

TEST(BroadcastRulesAgainstTorch, Expand) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("expand", [&] {
    const Sizes self = draw_sizes();
    Sizes torch_sizes = draw_near(self);
    std::vector<std::optional<std::int64_t>> rule_sizes;
    for (std::int64_t& size : torch_sizes) {
      if (draw_chance(5)) size = -1;
      if (draw_chance(12)) size = -2;
      // The rule's API spells PyTorch's -1 (keep the size) as nullopt.
      rule_sizes.push_back(size == -1 ? std::nullopt : std::optional<std::int64_t>(size));
    }
    const TorchOutcome torch = run_torch([&] { return zeros(self).expand(torch_sizes); });
    const std::string call =
        "expand(self " + sizes_text(self) + ", sizes " + sizes_text(torch_sizes) + ")";
    const RuleResult rule = shape::expand(to_shape(self), rule_sizes);
    expect_as_known(known_disagreement_expand(torch), call, rule, torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("expand", tally));
}

TEST(BroadcastRulesAgainstTorch, MaskedFillInPlace) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("masked_fill_", [&] {
    const Sizes self = draw_sizes();
    const Sizes mask = draw_chance(4) ? draw_sizes() : draw_near(self);
    const TorchOutcome torch =
        run_torch([&] { return zeros(self).masked_fill_(bool_zeros(mask), 1.0); });
    expect_agreement("masked_fill_(self " + sizes_text(self) + ", mask " + sizes_text(mask) + ")",
                     shape::masked_fill(to_shape(self), to_shape(mask)), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("masked_fill_", tally));
}

TEST(BroadcastRulesAgainstTorch, MaskedFillOutOfPlace) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("masked_fill", [&] {
    const Sizes self = draw_sizes();
    const Sizes mask = draw_chance(4) ? draw_sizes() : draw_near(self);
    const TorchOutcome torch =
        run_torch([&] { return at::masked_fill(zeros(self), bool_zeros(mask), 1.0); });
    // Exclusion (masked_fill.hpp): the rule checks the in-place form, so a mask whose
    // broadcast changes self's shape (out-of-place masked_fill returns the broadcast shape)
    // is an error there by design.
    if (torch.sizes && to_shape(*torch.sizes) != to_shape(self)) {
      ++tally.excluded;
      return;
    }
    expect_agreement("masked_fill(self " + sizes_text(self) + ", mask " + sizes_text(mask) + ")",
                     shape::masked_fill(to_shape(self), to_shape(mask)), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("masked_fill", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
