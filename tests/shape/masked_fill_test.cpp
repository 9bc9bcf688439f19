// masked_fill_: the mask broadcasts to self; self's shape is the result.
#include "kvcheck/shape/ops/masked_fill.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
using Case = PairCase<D>;

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return masked_fill(c.a, c.b);
}

TEST(MaskedFill, Concrete) {
  const IShape scores{2, 4, 3, 3};
  const std::vector<Case<std::int64_t>> cases{
      {"2-D causal mask", scores, {3, 3}, scores},
      {"ones in front", scores, {1, 1, 3, 3}, scores},
      {"too many dims",
       scores,
       {1, 2, 4, 3, 3},
       "masked_fill_: mask [1, 2, 4, 3, 3] does not broadcast to self [2, 4, 3, 3]: too many dims "
       "(rank 5 vs rank 4)"},
      {"size differs",
       scores,
       {2, 3},
       "masked_fill_: mask [2, 3] does not broadcast to self [2, 4, 3, 3] at dim 2 (2 vs 3)"},
      {"mask larger than self",
       {1, 3},
       {2, 3},
       "masked_fill_: mask [2, 3] does not broadcast to self [1, 3] at dim 0 (2 vs 1)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(MaskedFill, Symbolic) {
  const Dim seen = prompt_len() + pos();
  const SShape prefill{batch(), n_heads(), prompt_len(), prompt_len()};
  const SShape decode{batch(), n_heads(), 1, seen};
  const std::vector<Case<Dim>> cases{
      {"shared causal mask", prefill, {1, 1, prompt_len(), prompt_len()}, prefill},
      {"decode mask over the cache", decode, {1, 1, 1, seen}, decode},
      {"mask per kv head",
       prefill,
       {batch(), n_kv_heads(), prompt_len(), prompt_len()},
       "masked_fill_: mask [batch, n_kv_heads, prompt_len, prompt_len] does not broadcast to self "
       "[batch, n_heads, prompt_len, prompt_len] at dim 1 (n_kv_heads vs n_heads); fails whenever "
       "n_kv_heads >= 2 and group >= 2, smallest: n_kv_heads=2, group=2 (n_heads=4)"},
      {"decode mask without the cached positions",
       decode,
       {1, 1, 1, prompt_len()},
       "masked_fill_: mask [1, 1, 1, prompt_len] does not broadcast to self [batch, n_heads, 1, "
       "prompt_len + pos] at dim 3 (prompt_len vs prompt_len + pos); fails whenever prompt_len >= "
       "2 "
       "and pos >= 1, smallest: prompt_len=2, pos=1"},
      {"too many dims",
       {prompt_len()},
       {1, prompt_len()},
       "masked_fill_: mask [1, prompt_len] does not broadcast to self [prompt_len]: too many dims "
       "(rank 2 vs rank 1); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
