// reference_forward checked against attention worked out by hand on tiny inputs.
#include "kvcheck/interp/reference.hpp"

#include <gtest/gtest.h>

namespace kvcheck::interp {
namespace {

model::AttentionConfig tiny(std::int64_t heads, std::int64_t kv_heads, std::int64_t head_dim,
                            std::int64_t hidden, std::int64_t tokens) {
  model::AttentionConfig c;
  c.batch = 1;
  c.n_heads = heads;
  c.n_kv_heads = kv_heads;
  c.head_dim = head_dim;
  c.hidden = hidden;
  c.prompt_len = tokens;
  c.decode_steps = 0;
  c.max_seq_len = tokens;
  return c;
}

Tensor<double> tensor(std::vector<std::int64_t> sizes, std::vector<double> values) {
  Tensor<double> t(std::move(sizes));
  for (std::size_t i = 0; i < values.size(); ++i)
    t.data()[static_cast<Eigen::Index>(i)] = values[i];
  return t;
}

TEST(ReferenceForward, OneHeadTwoTokensByHand) {
  // Identity weights, head_dim 2, tokens x0 = (1, 0) and x1 = (0, 1).
  // RoPE: position 0 leaves q0 = k0 = (1, 0); position 1 turns pair 0 by 1 rad, so
  // q1 = k1 = (-sin 1, cos 1) = (-0.841471, 0.540302). v is not rotated: v0 = x0, v1 = x1.
  // Token 0 sees only key 0: y0 = v0 = (1, 0).
  // Token 1: scores (q1.k0, q1.k1) / sqrt 2 = (-0.841471, 1) / 1.414214 = (-0.595010, 0.707107);
  // softmax: p0 = 1 / (1 + e^(0.707107 + 0.595010)) = 1 / (1 + e^1.302117) = 0.213809,
  // p1 = 0.786191; y1 = p0 v0 + p1 v1 = (0.213809, 0.786191).
  const auto config = tiny(1, 1, 2, 2, 2);
  ModelInputs<double> in;
  in.x = tensor({1, 2, 2}, {1, 0, 0, 1});
  in.wq = in.wk = in.wv = in.wo = tensor({2, 2}, {1, 0, 0, 1});
  const Tensor<double> y = reference_forward(config, in);
  ASSERT_EQ(y.shape(), (std::vector<std::int64_t>{1, 2, 2}));
  EXPECT_NEAR(y(0, 0, 0), 1.0, 1e-12);
  EXPECT_NEAR(y(0, 0, 1), 0.0, 1e-12);
  EXPECT_NEAR(y(0, 1, 0), 0.2138090087, 1e-9);
  EXPECT_NEAR(y(0, 1, 1), 0.7861909913, 1e-9);
}

TEST(ReferenceForward, TwoQueryHeadsShareOneKvHeadByHand) {
  // head_dim 1: RoPE has no pair to turn, so no rotation. hidden 1, tokens x = (1, 2).
  // wq = (1, -1): head 0 queries (1, 2), head 1 queries (-1, -2). wk = wv = 1: keys and
  // values (1, 2), read by both heads (group 2). wo = (1, 10) sums head 0 + 10 * head 1.
  // Token 0: both heads output v0 = 1, y0 = 1 + 10 = 11.
  // Token 1, head 0: scores (2*1, 2*2) = (2, 4); p = (1, e^2) / (1 + e^2) = (0.119203, 0.880797);
  //   output 0.119203 * 1 + 0.880797 * 2 = 1.880797.
  // Token 1, head 1: scores (-2, -4); p = (0.880797, 0.119203); output 1.119203.
  // y1 = 1.880797 + 10 * 1.119203 = 13.072826.
  const auto config = tiny(2, 1, 1, 1, 2);
  ModelInputs<double> in;
  in.x = tensor({1, 2, 1}, {1, 2});
  in.wq = tensor({2, 1}, {1, -1});
  in.wk = in.wv = tensor({1, 1}, {1});
  in.wo = tensor({1, 2}, {1, 10});
  const Tensor<double> y = reference_forward(config, in);
  EXPECT_NEAR(y(0, 0, 0), 11.0, 1e-12);
  EXPECT_NEAR(y(0, 1, 0), 13.0728262982, 1e-9);
}

TEST(ReferenceForward, GroupedEqualsPerHeadWithInterleavedKvWeights) {
  // GQA with kv weights W_k equals MHA whose kv head h has the weights of kv head h / group:
  // the definition of grouped-query attention.
  model::AttentionConfig gqa = tiny(4, 2, 3, 6, 5);
  gqa.batch = 2;
  const auto in = make_inputs<double>(gqa, 11);
  model::AttentionConfig mha = gqa;
  mha.n_kv_heads = 4;
  ModelInputs<double> expanded = in;
  expanded.wk = Tensor<double>({12, 6});
  expanded.wv = Tensor<double>({12, 6});
  for (std::int64_t h = 0; h < 4; ++h) {
    expanded.wk.rows_matrix().middleRows(h * 3, 3) = in.wk.rows_matrix().middleRows(h / 2 * 3, 3);
    expanded.wv.rows_matrix().middleRows(h * 3, 3) = in.wv.rows_matrix().middleRows(h / 2 * 3, 3);
  }
  const auto grouped = reference_forward(gqa, in);
  const auto per_head = reference_forward(mha, expanded, HeadMapping::kPerHead);
  EXPECT_TRUE(grouped.data().isApprox(per_head.data(), 1e-12));
}

TEST(ReferenceForward, TokenOutputsDependOnlyOnThePast) {
  // Causality: changing the last token changes only the last output row.
  const auto config = tiny(2, 1, 4, 8, 4);
  auto in = make_inputs<double>(config, 3);
  const auto before = reference_forward(config, in);
  for (std::int64_t d = 0; d < 8; ++d) in.x(0, 3, d) += 0.5;
  const auto after = reference_forward(config, in);
  for (std::int64_t t = 0; t < 3; ++t) {
    for (std::int64_t d = 0; d < 8; ++d) EXPECT_EQ(before(0, t, d), after(0, t, d));
  }
  EXPECT_NE(before(0, 3, 0), after(0, 3, 0));
}

TEST(ReferenceForward, FloatAgreesWithDouble) {
  const auto config = tiny(4, 2, 4, 16, 6);
  const auto d = reference_forward(config, make_inputs<double>(config, 8));
  const auto f = reference_forward(config, make_inputs<float>(config, 8));
  EXPECT_TRUE(f.data().cast<double>().isApprox(d.data(), 1e-5));
}

TEST(ReferenceForward, RejectsMismatchedInputsAndPerHeadOnGqa) {
  const auto config = tiny(4, 2, 2, 4, 3);
  const auto in = make_inputs<double>(config, 1);
  EXPECT_THROW(reference_forward(config, in, HeadMapping::kPerHead), std::invalid_argument);
  auto other = config;
  other.hidden = 5;
  EXPECT_THROW(reference_forward(other, in), std::invalid_argument);
}

}  // namespace
}  // namespace kvcheck::interp
