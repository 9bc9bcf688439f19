// cat: appending to a growing cache; every dim but the joined one must agree.
#include "kvcheck/shape/ops/cat.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  std::vector<Shape<D>> tensors;
  std::int64_t dim;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return cat(c.tensors, c.dim);
}

TEST(Cat, Concrete) {
  const IShape past{2, 2, 5, 8};
  const std::vector<Case<std::int64_t>> cases{
      {"append one step", {past, {2, 2, 1, 8}}, 2, IShape{2, 2, 6, 8}},
      {"negative dim", {past, {2, 2, 1, 8}}, -2, IShape{2, 2, 6, 8}},
      {"legacy empty tensor is skipped", {{0}, {2, 3}}, 0, IShape{2, 3}},
      {"only empty tensors", {{0}, {0}}, 0, IShape{0}},
      {"other dim differs",
       {past, {2, 4, 1, 8}},
       2,
       "cat: tensors[1] [2, 4, 1, 8] does not fit tensors[0] [2, 2, 5, 8] at dim 1 (4 vs 2)"},
      {"rank differs",
       {past, {2, 1, 8}},
       2,
       "cat: tensors[1] [2, 1, 8] does not have the rank of tensors[0] [2, 2, 5, 8] (rank 3 vs "
       "rank 4)"},
      {"empty list", {}, 0, "cat: expected a non-empty list of tensors (0 tensors vs >= 1 tensor)"},
      {"0-dim tensors", {{}, {}}, 0, "cat: tensors[0] [] has too few dims (rank 0 vs rank >= 1)"},
      {"dim out of range",
       {past, past},
       4,
       "cat: dim 4 is out of range for tensors[0] [2, 2, 5, 8] (4 vs [-4, 3])"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Cat, Symbolic) {
  const SShape past{batch(), n_kv_heads(), pos(), head_dim()};
  const std::vector<Case<Dim>> cases{
      {"append one step",
       {past, {batch(), n_kv_heads(), 1, head_dim()}},
       2,
       SShape{batch(), n_kv_heads(), pos() + 1, head_dim()}},
      {"append repeated heads to a kv-head cache",
       {past, {batch(), n_heads(), 1, head_dim()}},
       2,
       "cat: tensors[1] [batch, n_heads, 1, head_dim] does not fit tensors[0] [batch, "
       "n_kv_heads, pos, head_dim] at dim 1 (n_heads vs n_kv_heads); fails whenever group >= 2, "
       "smallest: n_kv_heads=1, group=2 (n_heads=2)"},
      {"empty list",
       {},
       0,
       "cat: expected a non-empty list of tensors (0 tensors vs >= 1 tensor); fails for every "
       "configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
