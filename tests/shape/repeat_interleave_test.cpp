// repeat_interleave: repeat_kv's rule, each kv head copied `group` times in place.
#include "kvcheck/shape/ops/repeat_interleave.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  D repeats;
  std::int64_t dim;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return repeat_interleave(c.self, c.repeats, c.dim);
}

TEST(RepeatInterleave, Concrete) {
  const IShape kv{2, 2, 5, 8};
  const std::vector<Case<std::int64_t>> cases{
      {"heads", kv, 3, 1, IShape{2, 6, 5, 8}},
      {"negative dim", kv, 3, -3, IShape{2, 6, 5, 8}},
      {"zero repeats", kv, 0, 1, IShape{2, 0, 5, 8}},
      {"negative repeats", kv, -1, 1, "repeat_interleave: repeats is negative (-1 vs 0)"},
      {"dim out of range", kv, 2, 4,
       "repeat_interleave: dim 4 is out of range for self [2, 2, 5, 8] (4 vs [-4, 3])"},
      {"0-dim self", {}, 2, 0, "repeat_interleave: self [] has too few dims (rank 0 vs rank >= 1)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(RepeatInterleave, Symbolic) {
  const SShape kv{batch(), n_kv_heads(), prompt_len(), head_dim()};
  const std::vector<Case<Dim>> cases{
      {"repeat_kv", kv, group(), 1, SShape{batch(), n_heads(), prompt_len(), head_dim()}},
      {"dim out of range", kv, group(), -5,
       "repeat_interleave: dim -5 is out of range for self [batch, n_kv_heads, prompt_len, "
       "head_dim] (-5 vs [-4, 3]); fails for every configuration"},
      {"0-dim self",
       {},
       group(),
       0,
       "repeat_interleave: self [] has too few dims (rank 0 vs rank >= 1); fails for every "
       "configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
