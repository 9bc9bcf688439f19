// The rules of cache reads and writes against libtorch: cat (a growing cache), index_copy_
// (a preallocated cache written in place) and narrow (a cache read).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <vector>

#include "known_disagreements.hpp"
#include "kvcheck/shape/ops/cat.hpp"
#include "kvcheck/shape/ops/index_copy.hpp"
#include "kvcheck/shape/ops/narrow.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

// PyTorch still skips 1-D tensors of size 0 in cat (cat.hpp), so they are drawn on purpose.
const Sizes kLegacyEmpty{0};

TEST(CacheRulesAgainstTorch, Cat) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("cat", [&] {
    const Sizes first = draw_sizes();
    const auto rank = static_cast<std::int64_t>(first.size());
    const std::int64_t dim = draw_dim(rank);
    const auto cat_dim = shape::normalize_dim(dim, rank);
    std::vector<Sizes> tensors;
    const std::int64_t count = draw_chance(10) ? 0 : draw_between(1, 3);
    for (std::int64_t i = 0; i < count; ++i) {
      if (draw_chance(7)) {
        tensors.push_back(kLegacyEmpty);
        continue;
      }
      Sizes t = i == 0 ? first : draw_near(first);
      // Along the cat dim any size fits; that is where a cache grows.
      if (i > 0 && cat_dim && t.size() == first.size()) t[*cat_dim] = draw_between(0, kMaxSize);
      tensors.push_back(std::move(t));
    }

    std::vector<IShape> shapes;
    std::string call = "cat([";
    for (const Sizes& t : tensors) {
      shapes.push_back(to_shape(t));
      call += (shapes.size() > 1 ? ", " : "") + sizes_text(t);
    }
    call += "], dim " + std::to_string(dim) + ")";
    const TorchOutcome torch = run_torch([&] {
      std::vector<at::Tensor> operands;
      for (const Sizes& t : tensors) operands.push_back(zeros(t));
      return at::cat(operands, dim);
    });
    expect_agreement(call, shape::cat(shapes, dim), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("cat", tally));
}

TEST(CacheRulesAgainstTorch, IndexCopy) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("index_copy_", [&] {
    // Exclusion (index_copy.hpp): 0-dim self or source, which PyTorch special-cases, are not
    // modelled, so both are drawn with at least one dim.
    const Sizes self = draw_sizes(1);
    const auto rank = static_cast<std::int64_t>(self.size());
    const std::int64_t dim = draw_dim(rank);
    const auto index_dim = shape::normalize_dim(dim, rank);
    Sizes source = draw_near(self, 1);
    if (index_dim && source.size() == self.size() && draw_chance(2)) {
      source[*index_dim] = draw_between(0, kMaxSize);
    }
    const bool source_has_dim = index_dim && *index_dim < static_cast<std::int64_t>(source.size());
    const std::int64_t index_len =
        source_has_dim && !draw_chance(5) ? source[*index_dim] : draw_between(0, kMaxSize);
    const std::int64_t written = index_dim ? self[*index_dim] : 0;
    // Exclusion (index_copy.hpp): whether the index values lie inside self.shape[dim] is the
    // caller's check, not this rule's; with self.shape[dim] == 0 no non-empty index can.
    if (index_dim && written == 0 && index_len > 0) {
      ++tally.excluded;
      return;
    }
    // Positions inside self along dim (repeating when there are more than fit), so that
    // libtorch's bounds check on the values never decides the case.
    const at::Tensor index = written > 0 ? at::arange(index_len, at::kLong).remainder(written)
                                         : at::arange(index_len, at::kLong);
    const TorchOutcome torch =
        run_torch([&] { return zeros(self).index_copy_(dim, index, zeros(source)); });
    expect_agreement(
        "index_copy_(self " + sizes_text(self) + ", dim " + std::to_string(dim) + ", index [" +
            std::to_string(index_len) + "], source " + sizes_text(source) + ")",
        shape::index_copy(to_shape(self), dim, index_len, to_shape(source)), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("index_copy_", tally));
}

TEST(CacheRulesAgainstTorch, Narrow) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("narrow", [&] {
    const Sizes self = draw_sizes();
    const auto rank = static_cast<std::int64_t>(self.size());
    const std::int64_t dim = draw_dim(rank);
    const auto narrowed = shape::normalize_dim(dim, rank);
    const std::int64_t size = narrowed ? self[*narrowed] : kMaxSize;
    // One past each end of the valid starts [-size, size] and lengths [0, size].
    const std::int64_t start = draw_between(-size - 1, size + 1);
    const std::int64_t length = draw_chance(8) ? -1 : draw_between(0, size + 1);
    const TorchOutcome torch = run_torch([&] { return zeros(self).narrow(dim, start, length); });
    const std::string call = "narrow(self " + sizes_text(self) + ", dim " + std::to_string(dim) +
                             ", start " + std::to_string(start) + ", length " +
                             std::to_string(length) + ")";
    const RuleResult rule = shape::narrow(to_shape(self), dim, start, length);
    expect_as_known(known_disagreement_narrow(self, dim, start, length), call, rule, torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("narrow", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
