// The rules that only wrap dim indices, against libtorch: softmax and transpose (both of which
// take 0 and -1 on a 0-dim tensor).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "kvcheck/shape/ops/softmax.hpp"
#include "kvcheck/shape/ops/transpose.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

TEST(DimRulesAgainstTorch, Softmax) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("softmax", [&] {
    const Sizes self = draw_sizes();
    const std::int64_t dim = draw_dim(static_cast<std::int64_t>(self.size()));
    const TorchOutcome torch = run_torch([&] { return at::softmax(zeros(self), dim); });
    expect_agreement("softmax(self " + sizes_text(self) + ", dim " + std::to_string(dim) + ")",
                     shape::softmax(to_shape(self), dim), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("softmax", tally));
}

TEST(DimRulesAgainstTorch, Transpose) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("transpose", [&] {
    const Sizes self = draw_sizes();
    const auto rank = static_cast<std::int64_t>(self.size());
    const std::int64_t dim0 = draw_dim(rank);
    const std::int64_t dim1 = draw_dim(rank);
    const TorchOutcome torch = run_torch([&] { return zeros(self).transpose(dim0, dim1); });
    expect_agreement("transpose(self " + sizes_text(self) + ", " + std::to_string(dim0) + ", " +
                         std::to_string(dim1) + ")",
                     shape::transpose(to_shape(self), dim0, dim1), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("transpose", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
