// repeat: tiling; same shape as repeat_kv's interleaving, different values.
#include "kvcheck/shape/ops/repeat.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::vector<D> repeats;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return repeat(c.self, c.repeats);
}

TEST(Repeat, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"tile", {2, 3}, {2, 1}, IShape{4, 3}},
      {"new leading dim", {2, 3}, {2, 1, 1}, IShape{2, 2, 3}},
      {"0-dim self", {}, {3}, IShape{3}},
      {"too few repeats",
       {2, 3, 4},
       {2, 2},
       "repeat: repeats [2, 2] has fewer entries than self [2, 3, 4] has dims (2 vs rank 3)"},
      {"negative repeat", {2}, {-1}, "repeat: repeat at dim 0 is negative (-1 vs 0)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Repeat, Symbolic) {
  const SShape kv{batch(), n_kv_heads(), prompt_len(), head_dim()};
  const std::vector<Case<Dim>> cases{
      {"tiling kv heads looks like repeat_kv",
       kv,
       {1, group(), 1, 1},
       SShape{batch(), n_heads(), prompt_len(), head_dim()}},
      {"too few repeats",
       kv,
       {group(), 1},
       "repeat: repeats [group, 1] has fewer entries than self [batch, n_kv_heads, prompt_len, "
       "head_dim] has dims (2 vs rank 4); fails for every configuration"},
      {"negative for some configurations",
       {n_kv_heads()},
       {group() - 2},
       "repeat: repeat at dim 0 is negative (group - 2 vs 0); fails whenever 0 > group - 2, "
       "smallest: group=1"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
