// RoPE: angles and rotations checked against values worked out by hand.
#include "kvcheck/interp/rope.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace kvcheck::interp {
namespace {

TEST(Rope, AngleFollowsBasePower) {
  EXPECT_DOUBLE_EQ(rope_angle(3, 0, 4), 3.0);  // 10000^0 = 1
  // pair 1 of head_dim 4: 10000^(-2/4) = 1/100.
  EXPECT_DOUBLE_EQ(rope_angle(5, 1, 4), 0.05);
  EXPECT_DOUBLE_EQ(rope_angle(0, 1, 4), 0.0);
}

TEST(Rope, PositionZeroIsIdentity) {
  std::vector<double> head{0.5, -1.0, 2.0, 3.0};
  rope_rotate(std::span<double>(head), 0);
  EXPECT_EQ(head, (std::vector<double>{0.5, -1.0, 2.0, 3.0}));
}

TEST(Rope, RotatesAdjacentPairsAndLeavesOddLastElement) {
  // head_dim 5, position 2: pair 0 turns by 2 rad, pair 1 by 2 * 10000^(-2/5) = 0.0502377 rad,
  // element 4 has no partner. (1, 0) turned by t is (cos t, sin t).
  std::vector<double> head{1.0, 0.0, 1.0, 0.0, 5.0};
  rope_rotate(std::span<double>(head), 2);
  EXPECT_NEAR(head[0], -0.4161468365, 1e-10);  // cos 2
  EXPECT_NEAR(head[1], 0.9092974268, 1e-10);   // sin 2
  EXPECT_NEAR(head[2], 0.9987383507, 1e-10);   // cos 0.0502377
  EXPECT_NEAR(head[3], 0.0502165994, 1e-10);   // sin 0.0502377
  EXPECT_EQ(head[4], 5.0);
}

TEST(Rope, SecondComponentRotatesTheOtherWay) {
  // Position 1 turns pair 0 by 1 rad; (0, 1) turned by t is (0*c - 1*s, 0*s + 1*c).
  std::vector<float> head{0.0f, 1.0f};
  rope_rotate(std::span<float>(head), 1);
  EXPECT_NEAR(head[0], -std::sin(1.0), 1e-6);
  EXPECT_NEAR(head[1], std::cos(1.0), 1e-6);
}

TEST(Rope, TensorUsesStartPlusIndexAlongDimOne) {
  // [batch 1, len 2, heads 2, head_dim 2], every head (1, 0); start 3: token 0 is at
  // position 3 and token 1 at position 4, whatever the head.
  Tensor<double> t({1, 2, 2, 2});
  for (std::int64_t i = 0; i < 2; ++i) {
    for (std::int64_t h = 0; h < 2; ++h) t(0, i, h, 0) = 1.0;
  }
  apply_rope(t, 3);
  for (std::int64_t h = 0; h < 2; ++h) {
    EXPECT_NEAR(t(0, 0, h, 0), std::cos(3.0), 1e-12);
    EXPECT_NEAR(t(0, 0, h, 1), std::sin(3.0), 1e-12);
    EXPECT_NEAR(t(0, 1, h, 0), std::cos(4.0), 1e-12);
    EXPECT_NEAR(t(0, 1, h, 1), std::sin(4.0), 1e-12);
  }
}

TEST(Rope, TensorNeedsRankThree) {
  Tensor<double> t({2, 2});
  EXPECT_THROW(apply_rope(t, 0), std::invalid_argument);
}

}  // namespace
}  // namespace kvcheck::interp

namespace kvcheck::interp {
namespace {

// The table that apply_rope and the reference rotate from must give rope_rotate's bits, for
// odd head dims too (the last element stays) and far positions (float angles would drift).
TEST(RopeTable, RotatesExactlyAsRopeRotate) {
  for (std::int64_t head_dim : {1, 2, 5, 8, 128}) {
    const std::int64_t start = 4000;
    const RopeTable<float> table(start, 7, head_dim);
    for (std::int64_t i = 0; i < 7; ++i) {
      std::vector<float> a(static_cast<std::size_t>(head_dim));
      for (std::size_t k = 0; k < a.size(); ++k) a[k] = 0.25f * static_cast<float>(k) - 1.0f;
      std::vector<float> b = a;
      rope_rotate(std::span<float>(a), start + i);
      table.rotate(b.data(), i);
      EXPECT_EQ(a, b) << "head_dim " << head_dim << " position " << start + i;
    }
  }
}

}  // namespace
}  // namespace kvcheck::interp
