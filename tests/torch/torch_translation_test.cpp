// The translation's own pieces, checked where the generated programs do not reach: the
// comparison itself (it must be able to fail), RoPE with an odd head_dim, and the mask.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "kvcheck/interp/rope.hpp"
#include "torch_attention.hpp"
#include "torch_tensors.hpp"

namespace kvcheck::torch_test {
namespace {

using Values = interp::Tensor<double>;

// Distinct, irregular values of order one.
Values ramp(std::vector<std::int64_t> sizes) {
  Values t(std::move(sizes));
  for (Eigen::Index i = 0; i < t.numel(); ++i) {
    t.data()[i] = std::sin(1.0 + 0.7 * static_cast<double>(i));
  }
  return t;
}

TEST(TorchTranslation, CompareAcceptsEqualValuesAndMatchingInfinities) {
  Values scores = ramp({2, 3});
  scores(0, 2) = -std::numeric_limits<double>::infinity();
  EXPECT_TRUE(compare(scores, to_torch(scores)).within_tolerance());
}

TEST(TorchTranslation, CompareRejectsAChangedValueAShapeAndANaN) {
  const Values values = ramp({2, 3});
  at::Tensor nudged = to_torch(values);
  nudged[1][2] += 1e-9;
  EXPECT_FALSE(compare(values, nudged).within_tolerance());
  EXPECT_FALSE(compare(values, to_torch(values).view({3, 2})).within_tolerance());
  at::Tensor with_nan = to_torch(values);
  with_nan[0][0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_FALSE(compare(values, with_nan).within_tolerance());
}

TEST(TorchTranslation, RopeRotatesAsTheInterpreterForEvenAndOddHeadDims) {
  for (const std::int64_t head_dim : {4, 5}) {
    SCOPED_TRACE("head_dim " + std::to_string(head_dim));
    Values x = ramp({2, 3, 2, head_dim});
    const at::Tensor rotated = rope(to_torch(x), 7);
    interp::apply_rope(x, 7);
    EXPECT_TRUE(compare(x, rotated).within_tolerance()) << compare(x, rotated).describe();
  }
}

TEST(TorchTranslation, RopeRaisesUnlessFourDims) {
  EXPECT_THROW(rope(at::zeros({2, 3, 4}, at::kDouble), 0), c10::Error);
}

TEST(TorchTranslation, CausalMaskHidesLaterKeysAndPaddingAdmitsTheUnwritten) {
  // Two queries at positions 1 and 2 over four keys.
  const at::Tensor causal = causal_hide_mask(2, 4, 1, std::nullopt);
  const at::Tensor want_causal = at::tensor({0, 0, 1, 1, 0, 0, 0, 1}).to(at::kBool).view({2, 4});
  EXPECT_TRUE(causal.equal(want_causal));
  // Written up to position 3 (start 1 + len 2): key 3 is unwritten and admitted.
  const at::Tensor padded = causal_hide_mask(2, 4, 1, 3);
  const at::Tensor want_padded = at::tensor({0, 0, 1, 0, 0, 0, 0, 0}).to(at::kBool).view({2, 4});
  EXPECT_TRUE(padded.equal(want_padded));
}

}  // namespace
}  // namespace kvcheck::torch_test
