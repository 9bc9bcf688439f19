// AffineSet: isl sets parsed, combined, projected, minimised and put in words.
#include "kvcheck/index/affine_set.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace kvcheck::index {
namespace {

TEST(AffineSet, EmptinessAndSetOperations) {
  const AffineSet a = AffineSet::parse("{ [P, i] : P >= 1 and 0 <= i < P }");
  const AffineSet late = AffineSet::parse("{ [P, i] : i >= P }");
  EXPECT_FALSE(a.is_empty());
  EXPECT_TRUE(a.intersect(late).is_empty());
  EXPECT_TRUE(a.subtract(a).is_empty());
  EXPECT_FALSE(a.unite(late).is_empty());
}

TEST(AffineSet, LexminIsTheSmallestPoint) {
  const AffineSet s = AffineSet::parse("{ [T, P, D] : P >= 1 and D >= 1 and P + D >= 3 and T = P + D }");
  auto p = s.lexmin();
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(*p, (std::vector<std::int64_t>{3, 1, 2}));
  EXPECT_FALSE(AffineSet::parse("{ [x] : 1 = 0 }").lexmin().has_value());
}

TEST(AffineSet, ProjectionKeepsAPrefix) {
  const AffineSet s = AffineSet::parse("{ [P, i] : P >= 2 and 0 <= i < P - 1 }");
  const AffineSet p = s.project_prefix(1);
  EXPECT_EQ(*p.lexmin(), (std::vector<std::int64_t>{2}));
}

TEST(AffineSet, DescribeDropsWhatTheContextSays) {
  const AffineSet context = AffineSet::parse("{ [P, D] : P >= 1 and D >= 0 }");
  const AffineSet s = AffineSet::parse("{ [P, D] : P >= 1 and D >= 1 }");
  EXPECT_EQ(s.describe(context, {"prompt_len", "decode_steps"}), "decode_steps >= 1");
  EXPECT_EQ(context.describe(context, {"prompt_len", "decode_steps"}), "always");
  EXPECT_EQ(AffineSet::parse("{ [P, D] : 1 = 0 }").describe(context, {"P", "D"}), "never");
}

TEST(AffineSet, MalformedTextIsAnInternalError) {
  EXPECT_THROW(AffineSet::parse("{ [x] : x >= }"), std::logic_error);
}

}  // namespace
}  // namespace kvcheck::index
