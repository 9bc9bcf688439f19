// softmax: keeps the shape; the dim must be in range.
#include "kvcheck/shape/ops/softmax.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::int64_t dim;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return softmax(c.self, c.dim);
}

TEST(Softmax, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"last dim", {2, 4, 3, 3}, -1, IShape{2, 4, 3, 3}},
      {"0-dim", {}, 0, IShape{}},
      {"dim out of range",
       {2, 4, 3, 3},
       4,
       "softmax: dim 4 is out of range for self [2, 4, 3, 3] (4 vs [-4, 3])"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Softmax, Symbolic) {
  const SShape scores{batch(), n_heads(), prompt_len(), prompt_len() + pos()};
  const std::vector<Case<Dim>> cases{
      {"over the keys", scores, -1, scores},
      {"dim out of range", scores, -5,
       "softmax: dim -5 is out of range for self [batch, n_heads, prompt_len, prompt_len + pos] "
       "(-5 vs [-4, 3]); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
