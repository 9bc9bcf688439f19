// broadcast_shapes: sizes equal or 1, exactly as PyTorch, so the symbolic verdict agrees
// with the concrete one at every configuration.
#include "kvcheck/shape/ops/broadcast_shapes.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
using Case = PairCase<D>;

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return broadcast_shapes(c.a, c.b);
}

TEST(BroadcastShapes, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"ones stretch both ways", {2, 1, 3}, {4, 1}, IShape{2, 4, 3}},
      {"scalar", {}, {3}, IShape{3}},
      {"sizes differ",
       {2, 3},
       {4},
       "broadcast_shapes: a [2, 3] and b [4] do not broadcast at dim 1 (3 vs 4)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(BroadcastShapes, Symbolic) {
  const SShape per_head{batch(), n_heads(), prompt_len(), prompt_len()};
  const std::vector<Case<Dim>> cases{
      {"shared causal mask", {1, 1, prompt_len(), prompt_len()}, per_head, per_head},
      {"one on the right", {n_kv_heads()}, {1}, SShape{n_kv_heads()}},
      {"n_heads against n_kv_heads",
       per_head,
       {batch(), n_kv_heads(), prompt_len(), prompt_len()},
       "broadcast_shapes: a [batch, n_heads, prompt_len, prompt_len] and b [batch, n_kv_heads, "
       "prompt_len, prompt_len] do not broadcast at dim 1 (n_heads vs n_kv_heads); " +
           kHeadsDoNotBroadcast},
      {"different constants",
       {2},
       {3},
       "broadcast_shapes: a [2] and b [3] do not broadcast at dim 0 (2 vs 3); fails for every "
       "configuration"},
  };
  run_table(cases, apply<Dim>);
}

TEST(BroadcastShapes, SymbolicVerdictMatchesEveryConcreteConfiguration) {
  // n_heads against n_kv_heads: PyTorch broadcasts exactly when group == 1 or n_kv_heads == 1.
  auto symbolic = broadcast_shapes(SShape{n_heads()}, SShape{n_kv_heads()});
  ASSERT_FALSE(symbolic.has_value());
  for (std::int64_t kv = 1; kv <= 4; ++kv) {
    for (std::int64_t g = 1; g <= 4; ++g) {
      SCOPED_TRACE("n_kv_heads=" + std::to_string(kv) + ", group=" + std::to_string(g));
      const bool runs = broadcast_shapes(IShape{g * kv}, IShape{kv}).has_value();
      EXPECT_EQ(runs, kv == 1 || g == 1);
    }
  }
}

}  // namespace
}  // namespace kvcheck::shape
