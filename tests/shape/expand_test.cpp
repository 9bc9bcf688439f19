// expand: only size-1 dims stretch; -1 keeps a dim; new dims lead and need a size.
#include "kvcheck/shape/ops/expand.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::vector<std::optional<D>> sizes;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return expand(c.self, c.sizes);
}

constexpr std::nullopt_t keep = std::nullopt;  // PyTorch's -1

TEST(Expand, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"stretch a 1", {2, 1, 5, 8}, {keep, 4, keep, keep}, IShape{2, 4, 5, 8}},
      {"equal size", {2, 3}, {2, 3}, IShape{2, 3}},
      {"new leading dim", {3}, {2, 3}, IShape{2, 3}},
      {"-1 for a new leading dim",
       {3},
       {keep, 3},
       "expand: -1 is not allowed for a new leading dim of sizes [-1, 3] at dim 0 (-1 vs a size)"},
      {"non-1 dim",
       {2, 3},
       {2, 4},
       "expand: self [2, 3] cannot be expanded to sizes [2, 4] at dim 1 (3 vs 4)"},
      {"too few sizes",
       {2, 3},
       {3},
       "expand: sizes [3] have fewer dims than self [2, 3] (rank 1 vs rank 2)"},
      {"negative size", {1}, {-2}, "expand: size is negative in sizes [-2] at dim 0 (-2 vs 0)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Expand, Symbolic) {
  const SShape kv{batch(), n_kv_heads(), prompt_len(), head_dim()};
  const std::vector<Case<Dim>> cases{
      {"repeat_kv by expand",
       {batch(), n_kv_heads(), 1, prompt_len(), head_dim()},
       {keep, keep, group(), keep, keep},
       SShape{batch(), n_kv_heads(), group(), prompt_len(), head_dim()}},
      {"kv heads stretched to n_heads",
       kv,
       {keep, n_heads(), keep, keep},
       "expand: self [batch, n_kv_heads, prompt_len, head_dim] cannot be expanded to sizes [-1, "
       "n_heads, -1, -1] at dim 1 (n_kv_heads vs n_heads); fails whenever n_kv_heads >= 2 and "
       "group >= 2, smallest: n_kv_heads=2, group=2 (n_heads=4)"},
      {"-1 for a new leading dim",
       {head_dim()},
       {keep, head_dim()},
       "expand: -1 is not allowed for a new leading dim of sizes [-1, head_dim] at dim 0 (-1 vs "
       "a size); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

TEST(Expand, OneKvHeadStretchesLikePyTorch) {
  // MQA: a single kv head really does expand to any head count.
  auto r = expand(SShape{batch(), 1, head_dim()}, {keep, n_heads(), keep});
  ASSERT_TRUE(r.has_value()) << r.error().message;
  EXPECT_EQ(r->to_string(), "[batch, n_heads, head_dim]");
}

}  // namespace
}  // namespace kvcheck::shape
