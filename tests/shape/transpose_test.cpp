// transpose: swaps two in-range dims; 0-dim tensors accept dims 0 and -1.
#include "kvcheck/shape/ops/transpose.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::int64_t dim0;
  std::int64_t dim1;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return transpose(c.self, c.dim0, c.dim1);
}

TEST(Transpose, Concrete) {
  const std::vector<Case<std::int64_t>> cases{
      {"inner dims", {2, 3, 4}, 1, 2, IShape{2, 4, 3}},
      {"negative dims", {2, 3, 4}, -1, -3, IShape{4, 3, 2}},
      {"same dim", {2, 3, 4}, 0, 0, IShape{2, 3, 4}},
      {"0-dim", {}, 0, -1, IShape{}},
      {"dim0 out of range",
       {2, 3},
       2,
       0,
       "transpose: dim 2 is out of range for self [2, 3] (2 vs [-2, 1])"},
      {"dim1 out of range",
       {2, 3},
       0,
       -3,
       "transpose: dim -3 is out of range for self [2, 3] (-3 vs [-2, 1])"},
      {"0-dim out of range",
       {},
       1,
       0,
       "transpose: dim 1 is out of range for self [] (1 vs [-1, 0])"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Transpose, Symbolic) {
  const std::vector<Case<Dim>> cases{
      {"heads before sequence",
       {batch(), prompt_len(), n_kv_heads(), head_dim()},
       1,
       2,
       SShape{batch(), n_kv_heads(), prompt_len(), head_dim()}},
      {"keys transposed for the scores",
       {batch(), n_heads(), prompt_len(), head_dim()},
       -2,
       -1,
       SShape{batch(), n_heads(), head_dim(), prompt_len()}},
      {"dim out of range",
       {batch(), n_heads()},
       0,
       2,
       "transpose: dim 2 is out of range for self [batch, n_heads] (2 vs [-2, 1]); fails for "
       "every configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
