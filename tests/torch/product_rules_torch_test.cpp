// The product rules against libtorch: matmul (every rank from 0 to 4 on either side) and
// linear (with and without a bias).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "kvcheck/shape/ops/linear.hpp"
#include "kvcheck/shape/ops/matmul.hpp"
#include "rule_vs_torch.hpp"

namespace kvcheck::torch_test {
namespace {

// A right operand for `a` that usually contracts with it (its dim -2, or dim 0 when 1-D,
// equals a's last dim) and whose batch dims are usually broadcast-compatible with a's.
Sizes draw_right_operand(const Sizes& a) {
  if (draw_chance(5)) return draw_sizes();
  const int rank = static_cast<int>(draw_between(0, kMaxRank));
  if (rank == 0) return {};
  const std::int64_t contraction =
      a.empty() || draw_chance(6) ? draw_between(0, kMaxSize) : a.back();
  if (rank == 1) return {contraction};
  const Sizes a_batch = a.size() > 2 ? Sizes(a.begin(), a.end() - 2) : Sizes{};
  Sizes b = draw_near(a_batch, rank - 2, rank - 2);
  b.push_back(contraction);
  b.push_back(draw_between(0, kMaxSize));
  return b;
}

TEST(ProductRulesAgainstTorch, Matmul) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("matmul", [&] {
    const Sizes a = draw_sizes();
    const Sizes b = draw_right_operand(a);
    const TorchOutcome torch = run_torch([&] { return at::matmul(zeros(a), zeros(b)); });
    expect_agreement("matmul(" + sizes_text(a) + ", " + sizes_text(b) + ")",
                     shape::matmul(to_shape(a), to_shape(b)), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("matmul", tally));
}

TEST(ProductRulesAgainstTorch, Linear) {
  Tally tally;
  ASSERT_TRUE(check_fixed_seed("linear", [&] {
    const Sizes input = draw_sizes();
    const std::int64_t in_features =
        input.empty() || draw_chance(5) ? draw_between(0, kMaxSize) : input.back();
    const std::int64_t out_features = draw_between(0, kMaxSize);
    const bool with_bias = draw_chance(2);
    // The bias [out_features] never changes the result shape (linear.hpp); with one, libtorch
    // takes its addmm path for 2-D inputs, so both paths are seen.
    const c10::optional<at::Tensor> bias =
        with_bias ? c10::optional<at::Tensor>(zeros({out_features})) : c10::nullopt;
    const TorchOutcome torch = run_torch([&] {
      return at::linear(zeros(input), zeros({out_features, in_features}), bias);
    });
    expect_agreement("linear(input " + sizes_text(input) + ", weight " +
                         sizes_text({out_features, in_features}) + (with_bias ? ", bias)" : ")"),
                     shape::linear(to_shape(input), in_features, out_features), torch, tally);
  }));
  ASSERT_TRUE(both_sides_seen("linear", tally));
}

}  // namespace
}  // namespace kvcheck::torch_test
