// matmul: 1-D cases, contraction, and exact batch broadcasting.
#include "kvcheck/shape/ops/matmul.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
using Case = PairCase<D>;

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return matmul(c.a, c.b);
}

TEST(Matmul, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"dot", {3}, {3}, IShape{}},
      {"matrix-vector", {2, 3}, {3}, IShape{2}},
      {"vector-matrix", {3}, {3, 4}, IShape{4}},
      {"matrix", {2, 3}, {3, 4}, IShape{2, 4}},
      {"batch broadcast", {5, 1, 2, 3}, {4, 3, 6}, IShape{5, 4, 2, 6}},
      {"vector times batch", {3}, {5, 3, 4}, IShape{5, 4}},
      {"batch times vector", {5, 2, 3}, {3}, IShape{5, 2}},
      {"contraction differs",
       {2, 3},
       {4, 5},
       "matmul: a [2, 3] dim 1 does not match b [4, 5] dim 0 (3 vs 4)"},
      {"vectors differ", {3}, {4}, "matmul: a [3] dim 0 does not match b [4] dim 0 (3 vs 4)"},
      {"batch dims differ",
       {2, 2, 3},
       {3, 3, 4},
       "matmul: batch dims of a [2, 2, 3] and b [3, 3, 4] do not broadcast at dim 0 (2 vs 3)"},
      {"0-dim a", {}, {3}, "matmul: a [] has too few dims (rank 0 vs rank >= 1)"},
      {"0-dim b", {3}, {}, "matmul: b [] has too few dims (rank 0 vs rank >= 1)"},
  };
  run_table(cases, apply<std::int64_t>);
}

// q [batch, n_heads, prompt_len, head_dim] against keys transposed to [.., head_dim, prompt_len].
SShape queries() {
  return {batch(), n_heads(), prompt_len(), head_dim()};
}
SShape keys_t(const Dim& heads) {
  return {batch(), heads, head_dim(), prompt_len()};
}

TEST(Matmul, Symbolic) {
  const SShape scores{batch(), n_heads(), prompt_len(), prompt_len()};
  const std::vector<Case<Dim>> cases{
      {"scores after repeat_kv", queries(), keys_t(n_heads()), scores},
      {"one kv head broadcasts (MQA)", queries(), keys_t(1), scores},
      {"kv heads without repeat_kv", queries(), keys_t(n_kv_heads()),
       "matmul: batch dims of a [batch, n_heads, prompt_len, head_dim] and b [batch, n_kv_heads, "
       "head_dim, prompt_len] do not broadcast at dim 1 (n_heads vs n_kv_heads); " +
           kHeadsDoNotBroadcast},
      {"contraction differs",
       queries(),
       {batch(), n_heads(), hidden(), prompt_len()},
       "matmul: a [batch, n_heads, prompt_len, head_dim] dim 3 does not match b [batch, n_heads, "
       "hidden, prompt_len] dim 2 (head_dim vs hidden); fails whenever head_dim - hidden != 0, "
       "smallest: head_dim=1, hidden=2"},
      {"0-dim a",
       {},
       queries(),
       "matmul: a [] has too few dims (rank 0 vs rank >= 1); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

TEST(Matmul, HeadMismatchFailsOnlyWhenGroupAndKvHeadsAreAtLeastTwo) {
  for (std::int64_t kv = 1; kv <= 4; ++kv) {
    for (std::int64_t g = 1; g <= 4; ++g) {
      SCOPED_TRACE("n_kv_heads=" + std::to_string(kv) + ", group=" + std::to_string(g));
      const bool runs = matmul(IShape{2, g * kv, 3, 8}, IShape{2, kv, 8, 3}).has_value();
      EXPECT_EQ(runs, kv == 1 || g == 1);
    }
  }
}

}  // namespace
}  // namespace kvcheck::shape
