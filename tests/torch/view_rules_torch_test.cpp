// The view rule against libtorch's view and reshape, with and without an inferred (-1) size.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <optional>
#include <utility>

#include "kvcheck/shape/ops/reshape.hpp"
#include "kvcheck/shape/ops/view.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

/// A target shape as both sides take it: libtorch's sizes with -1 at `inferred`, and the
/// rule's (whose entry at `inferred` is ignored).
struct ViewTarget {
  Sizes sizes;
  std::optional<std::size_t> inferred;
};

// Mostly self's dims shuffled and partly merged (same numel, so usually valid), else any
// sizes; then maybe one entry inferred and maybe one entry changed.
ViewTarget draw_view_target(const Sizes& self) {
  ViewTarget t;
  if (draw_chance(3)) {
    t.sizes = draw_sizes();
  } else {
    t.sizes = self;
    for (std::size_t i = t.sizes.size(); i > 1; --i) {
      std::swap(
          t.sizes[i - 1],
          t.sizes[static_cast<std::size_t>(draw_between(0, static_cast<std::int64_t>(i) - 1))]);
    }
    for (std::size_t i = 0; i + 1 < t.sizes.size();) {
      if (draw_chance(3)) {
        t.sizes[i + 1] *= t.sizes[i];
        t.sizes.erase(t.sizes.begin() + static_cast<std::ptrdiff_t>(i));
      } else {
        ++i;
      }
    }
  }
  const auto last = static_cast<std::int64_t>(t.sizes.size()) - 1;
  if (last >= 0 && draw_chance(3)) t.inferred = static_cast<std::size_t>(draw_between(0, last));
  if (last >= 0 && draw_chance(4)) {
    // Never -1: in libtorch that would be a second inferred size, which the rule's API (one
    // `inferred` index) cannot state.
    const std::int64_t changed = draw_chance(4) ? -2 : draw_between(0, kMaxSize);
    t.sizes[static_cast<std::size_t>(draw_between(0, last))] = changed;
  }
  if (t.inferred) t.sizes[*t.inferred] = -1;
  return t;
}

std::string call_text(const std::string& op, const Sizes& self, const ViewTarget& target) {
  return op + "(self " + sizes_text(self) + ", shape " + sizes_text(target.sizes) + ")";
}

TEST(ViewRulesAgainstTorch, View) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("view", [&] {
    const Sizes self = draw_sizes();
    const ViewTarget target = draw_view_target(self);
    // view.hpp: strides are not modelled. Every tensor here is contiguous (at::zeros), where
    // libtorch's stride condition always holds, so no case depends on it.
    const TorchOutcome torch = run_torch([&] { return zeros(self).view(target.sizes); });
    expect_agreement(call_text("view", self, target),
                     shape::view(to_shape(self), target.sizes, target.inferred), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("view", tally));
}

TEST(ViewRulesAgainstTorch, Reshape) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("reshape", [&] {
    const Sizes self = draw_sizes();
    const ViewTarget target = draw_view_target(self);
    // A transposed self (when it has two dims to swap) is not contiguous, so reshape copies
    // where view could not; its shape rule stays view's (reshape.hpp).
    const bool transposed = self.size() >= 2 && draw_chance(2);
    const TorchOutcome torch = run_torch([&] {
      const at::Tensor t = transposed ? zeros(self).transpose(0, 1) : zeros(self);
      return t.reshape(target.sizes);
    });
    Sizes seen = self;
    if (transposed) std::swap(seen[0], seen[1]);
    expect_agreement(call_text(transposed ? "reshape of a transposed" : "reshape", seen, target),
                     shape::reshape(to_shape(seen), target.sizes, target.inferred), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("reshape", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
