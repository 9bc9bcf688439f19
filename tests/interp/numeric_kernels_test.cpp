// The numeric interpreter's kernels against small cases with known answers.
#include "numeric_kernels.hpp"

#include <gtest/gtest.h>

#include <cmath>

namespace kvcheck::interp::kernels {
namespace {

using T = Tensor<double>;

T iota(std::vector<std::int64_t> sizes) {
  T t(std::move(sizes));
  for (Eigen::Index i = 0; i < t.numel(); ++i) t.data()[i] = static_cast<double>(i);
  return t;
}

/// One value per head of a [batch, heads, len, dim] tensor: head h holds h everywhere.
T heads_numbered(std::int64_t heads) {
  T t({1, heads, 2, 1});
  for (std::int64_t h = 0; h < heads; ++h) t(0, h, 0, 0) = t(0, h, 1, 0) = static_cast<double>(h);
  return t;
}

TEST(Kernels, TransposeSwapsIndices) {
  const T t = iota({2, 3, 4});
  const T u = transpose(t, 0, -1);
  EXPECT_EQ(u.shape(), (std::vector<std::int64_t>{4, 3, 2}));
  for (std::int64_t a = 0; a < 2; ++a) {
    for (std::int64_t b = 0; b < 3; ++b) {
      for (std::int64_t c = 0; c < 4; ++c) EXPECT_EQ(u(c, b, a), t(a, b, c));
    }
  }
  EXPECT_EQ(transpose(u, 2, 0), t);
}

TEST(Kernels, ViewInfersOneSize) {
  const T t = iota({2, 3, 4});
  const T v = view(t, {2, 3, -1}, 2);
  EXPECT_EQ(v.shape(), (std::vector<std::int64_t>{2, 3, 4}));
  EXPECT_EQ(view(t, {6, 0}, 1).shape(), (std::vector<std::int64_t>{6, 4}));
  EXPECT_THROW(view(t, {5, 5}, std::nullopt), std::logic_error);
}

TEST(Kernels, RepeatInterleaveVersusTile) {
  // Heads (0, 1) repeated twice: interleaved (0, 0, 1, 1), tiled (0, 1, 0, 1).
  const T kv = heads_numbered(2);
  const T inter = repeat_dim(kv, 1, 2, model::RepeatKind::kInterleave);
  const T tiled = repeat_dim(kv, 1, 2, model::RepeatKind::kTile);
  ASSERT_EQ(inter.shape(), (std::vector<std::int64_t>{1, 4, 2, 1}));
  const double want_inter[] = {0, 0, 1, 1};
  const double want_tiled[] = {0, 1, 0, 1};
  for (std::int64_t h = 0; h < 4; ++h) {
    EXPECT_EQ(inter(0, h, 1, 0), want_inter[h]);
    EXPECT_EQ(tiled(0, h, 1, 0), want_tiled[h]);
  }
}

TEST(Kernels, IndexCopyWritesPositionsInPlace) {
  T cache({1, 4, 2});
  const T source = iota({1, 2, 2});  // rows (0, 1) and (2, 3)
  index_copy(cache, 1, 1, source);
  EXPECT_EQ(cache(0, 0, 0), 0.0);
  EXPECT_EQ(cache(0, 1, 1), 1.0);
  EXPECT_EQ(cache(0, 2, 0), 2.0);
  EXPECT_EQ(cache(0, 3, 1), 0.0);
}

TEST(Kernels, IndexCopyPastTheEndThrowsBeforeWriting) {
  T cache({1, 3, 2});
  const T source = iota({1, 2, 2});
  const T before = cache;
  EXPECT_THROW(index_copy(cache, 1, 2, source), std::logic_error);
  EXPECT_EQ(cache, before);
  EXPECT_THROW(index_copy(cache, 1, 0, iota({1, 2, 3})), std::logic_error);
}

TEST(Kernels, NarrowKeepsAPrefix) {
  const T t = iota({2, 4, 1});
  const T n = narrow(t, 1, 1, 2);
  EXPECT_EQ(n.shape(), (std::vector<std::int64_t>{2, 2, 1}));
  EXPECT_EQ(n(1, 0, 0), 5.0);
  EXPECT_THROW(narrow(t, 1, 3, 2), std::logic_error);
}

TEST(Kernels, LinearMultipliesByTransposedWeight) {
  // x [1, 1, 2] = (1, 2); weight rows (1, 0), (0, 1), (1, 1): out (1, 2, 3).
  T x({1, 1, 2});
  x(0, 0, 0) = 1;
  x(0, 0, 1) = 2;
  T w({3, 2});
  w(0, 0) = w(1, 1) = w(2, 0) = w(2, 1) = 1;
  const T y = linear(x, w);
  EXPECT_EQ(y.shape(), (std::vector<std::int64_t>{1, 1, 3}));
  EXPECT_EQ(y(0, 0, 2), 3.0);
}

TEST(Kernels, MatmulBroadcastsSizeOneBatchDims) {
  // a [1, 3, 2, 2] @ b [1, 1, 2, 2]: the single b matrix serves all three heads, as with
  // an un-repeated n_kv_heads == 1 cache in PyTorch.
  const T a = iota({1, 3, 2, 2});
  const T b = iota({1, 1, 2, 2});
  const T c = matmul(a, b);
  ASSERT_EQ(c.shape(), (std::vector<std::int64_t>{1, 3, 2, 2}));
  for (std::int64_t h = 0; h < 3; ++h) {
    const Eigen::MatrixXd want = a.matrix(h) * b.matrix(0);
    EXPECT_TRUE(c.matrix(h).isApprox(want));
  }
  EXPECT_THROW(matmul(iota({1, 3, 2, 2}), iota({1, 2, 2, 2})), std::logic_error);
}

TEST(Kernels, CausalMaskFromStart) {
  // 2 queries at positions 1, 2 (start 1) over 3 keys: query 0 hides key 2 only.
  T s({1, 2, 3});
  causal_mask(s, 1);
  EXPECT_EQ(s(0, 0, 1), 0.0);
  EXPECT_TRUE(std::isinf(s(0, 0, 2)) && s(0, 0, 2) < 0);
  EXPECT_EQ(s(0, 1, 2), 0.0);
}

TEST(Kernels, SoftmaxIsStableAndSkipsMaskedKeys) {
  // Huge scores would overflow exp without subtracting the maximum.
  T s({1, 3});
  s(0, 0) = 1000;
  s(0, 1) = 1000;
  s(0, 2) = -std::numeric_limits<double>::infinity();
  const T p = softmax(s, -1);
  EXPECT_DOUBLE_EQ(p(0, 0), 0.5);
  EXPECT_DOUBLE_EQ(p(0, 1), 0.5);
  EXPECT_EQ(p(0, 2), 0.0);
}

TEST(Kernels, SoftmaxOverALeadingDim) {
  const T t = iota({2, 3});
  const T p = softmax(t, 0);
  // Column j: (j, 3 + j) -> (1, e^3) / (1 + e^3).
  for (std::int64_t j = 0; j < 3; ++j) {
    EXPECT_NEAR(p(0, j), 1.0 / (1.0 + std::exp(3.0)), 1e-12);
    EXPECT_NEAR(p(0, j) + p(1, j), 1.0, 1e-12);
  }
}

TEST(Kernels, SdpaEqualsMatmulSoftmaxMatmul) {
  const T q = iota({1, 2, 2, 3});
  T k = iota({1, 2, 3, 3});
  k.data() *= 0.1;
  const T v = iota({1, 2, 3, 2});
  const T got = sdpa(q, k, v, 1, true, false);
  T scores = matmul(q, transpose(k, 2, 3));
  scores.data() /= std::sqrt(3.0);
  causal_mask(scores, 1);
  const T want = matmul(softmax(scores, -1), v);
  EXPECT_TRUE(got.data().isApprox(want.data(), 1e-12));
}

TEST(Kernels, SdpaGqaReadsKvHeadHOverGroup) {
  // 4 query heads, 2 kv heads: enable_gqa must equal attention over interleaved kv heads.
  T q = iota({1, 4, 2, 2});
  q.data() *= 0.05;
  T k = iota({1, 2, 2, 2});
  k.data() *= -0.1;
  const T v = heads_numbered(2);
  const T got = sdpa(q, k, v, 0, false, true);
  const auto rep = [](const T& t) { return repeat_dim(t, 1, 2, model::RepeatKind::kInterleave); };
  EXPECT_TRUE(got.data().isApprox(sdpa(q, rep(k), rep(v), 0, false, false).data(), 1e-12));
  // Every output of head h is the value of kv head h / 2.
  EXPECT_DOUBLE_EQ(got(0, 1, 0, 0), 0.0);
  EXPECT_DOUBLE_EQ(got(0, 2, 1, 0), 1.0);
}

}  // namespace
}  // namespace kvcheck::interp::kernels
