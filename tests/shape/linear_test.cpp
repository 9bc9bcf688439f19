// linear: the input's last dim must be the weight's in_features.
#include "kvcheck/shape/ops/linear.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> input;
  D in_features;
  D out_features;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return linear(c.input, c.in_features, c.out_features);
}

TEST(Linear, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"batched", {2, 3, 8}, 8, 16, IShape{2, 3, 16}},
      {"vector", {8}, 8, 4, IShape{4}},
      {"0-dim input", {}, 8, 4, "linear: input [] has too few dims (rank 0 vs rank >= 1)"},
      {"wrong in_features",
       {2, 3, 8},
       6,
       16,
       "linear: input [2, 3, 8] does not fit weight [16, 6] at input dim 2 (8 vs 6)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Linear, Symbolic) {
  const std::vector<Case<Dim>> cases{
      {"q projection",
       {batch(), prompt_len(), hidden()},
       hidden(),
       n_heads() * head_dim(),
       SShape{batch(), prompt_len(), n_heads() * head_dim()}},
      {"0-dim input",
       {},
       hidden(),
       hidden(),
       "linear: input [] has too few dims (rank 0 vs rank >= 1); fails for every configuration"},
      {"o projection fed kv heads",
       {batch(), prompt_len(), n_kv_heads() * head_dim()},
       n_heads() * head_dim(),
       hidden(),
       "linear: input [batch, prompt_len, n_kv_heads*head_dim] does not fit weight [hidden, "
       "n_heads*head_dim] at input dim 2 (n_kv_heads*head_dim vs n_heads*head_dim); fails "
       "whenever group >= 2, smallest: n_kv_heads=1, group=2, head_dim=1 (n_heads=2)"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
