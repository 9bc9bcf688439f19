// One worked example of each reported disagreement (known_disagreements.hpp), so the report
// can be read and rerun case by case: libtorch 1.13's answer and kvcheck's, as they are now.
#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "known_disagreements.hpp"
#include "kvcheck/shape/ops/expand.hpp"
#include "kvcheck/shape/ops/narrow.hpp"
#include "kvcheck/shape/ops/repeat.hpp"
#include "kvcheck/shape/ops/repeat_interleave.hpp"

namespace kvcheck::torch_test {
namespace {

// libtorch returns `torch_result` where kvcheck's rule rejects with `rule_message`.
void expect_as_reported(const TorchOutcome& torch, const Sizes& torch_result,
                        const RuleResult& rule, const std::string& rule_message) {
  ASSERT_TRUE(torch.sizes.has_value()) << "libtorch now raises: " << torch.error;
  EXPECT_EQ(*torch.sizes, torch_result);
  ASSERT_FALSE(rule.has_value()) << "kvcheck now accepts: " << rule.value().to_string();
  EXPECT_EQ(rule.error().message, rule_message);
}

TEST(KnownDisagreements, NarrowFromMinusOneOfAnEmptyDim) {
  const TorchOutcome torch = run_torch([] { return zeros({0}).narrow(0, -1, 0); });
  expect_as_reported(torch, {0}, shape::narrow(IShape{0}, 0, std::int64_t{-1}, std::int64_t{0}),
                     "narrow: start -1 reaches before self [0] at dim 0 (1 vs 0)");
}

TEST(KnownDisagreements, RepeatNegativeCountOnAnEmptyDim) {
  const TorchOutcome torch = run_torch([] { return zeros({2, 0}).repeat({1, -2}); });
  expect_as_reported(torch, {2, 0}, shape::repeat(IShape{2, 0}, {1, -2}),
                     "repeat: repeat at dim 1 is negative (-2 vs 0)");
}

TEST(KnownDisagreements, RepeatInterleaveNegativeCountOnAnEmptyDim) {
  const TorchOutcome torch = run_torch([] { return zeros({3, 0}).repeat_interleave(-1, 1); });
  expect_as_reported(torch, {3, 0}, shape::repeat_interleave(IShape{3, 0}, std::int64_t{-1}, 1),
                     "repeat_interleave: repeats is negative (-1 vs 0)");
}

TEST(KnownDisagreements, ExpandToANegativeSizeWithNoElements) {
  const TorchOutcome torch = run_torch([] { return zeros({0, 1}).expand({-1, -2}); });
  expect_as_reported(torch, {0, -2}, shape::expand(IShape{0, 1}, {std::nullopt, std::int64_t{-2}}),
                     "expand: size is negative in sizes [-1, -2] at dim 1 (-2 vs 0)");
}

// The predicates the properties use pick out exactly these examples.
TEST(KnownDisagreements, PredicatesRecogniseTheExamples) {
  EXPECT_TRUE(known_disagreement_narrow({0}, 0, -1, 0));
  EXPECT_FALSE(known_disagreement_narrow({0}, 0, -1, 1));
  EXPECT_FALSE(known_disagreement_narrow({1}, 0, -1, 0));
  EXPECT_TRUE(known_disagreement_repeat({2, 0}, {1, -2}));
  EXPECT_FALSE(known_disagreement_repeat({0}, {-1, 1}));  // a new leading dim has size 1
  EXPECT_FALSE(known_disagreement_repeat({2, 0}, {-1, 1}));
  EXPECT_TRUE(known_disagreement_repeat_interleave({3, 0}, -1, 1));
  EXPECT_FALSE(known_disagreement_repeat_interleave({3, 0}, -1, 0));
  EXPECT_TRUE(known_disagreement_expand(TorchOutcome{Sizes{0, -2}, ""}));
  EXPECT_FALSE(known_disagreement_expand(TorchOutcome{Sizes{0, 2}, ""}));
}

}  // namespace
}  // namespace kvcheck::torch_test
