// narrow: reading a window of a cache; start + length must fit, which symbolically may be
// Refuted (with a smallest configuration) or Unknown.
#include "kvcheck/shape/ops/narrow.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::int64_t dim;
  D start;
  D length;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return narrow(c.self, c.dim, c.start, c.length);
}

TEST(Narrow, Concrete) {
  const IShape cache{2, 16, 2, 8};
  const std::vector<Case<std::int64_t>> cases{
      {"window", cache, 1, 3, 5, IShape{2, 5, 2, 8}},
      {"negative start counts from the end", cache, 1, -4, 4, IShape{2, 4, 2, 8}},
      {"up to the end", cache, -3, 12, 4, IShape{2, 4, 2, 8}},
      {"past the end", cache, 1, 12, 5,
       "narrow: start + length exceeds self [2, 16, 2, 8] at dim 1 (17 vs 16)"},
      {"negative start before the beginning", cache, 1, -17, 1,
       "narrow: start -17 reaches before self [2, 16, 2, 8] at dim 1 (17 vs 16)"},
      {"negative length", cache, 1, 0, -1,
       "narrow: length is negative for self [2, 16, 2, 8] at dim 1 (-1 vs 0)"},
      {"dim out of range", cache, 4, 0, 1,
       "narrow: dim 4 is out of range for self [2, 16, 2, 8] (4 vs [-4, 3])"},
      {"0-dim self", {}, 0, 0, 1, "narrow: self [] has too few dims (rank 0 vs rank >= 1)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(Narrow, Symbolic) {
  const Dim x = Dim::var("x");
  const Dim filled = pos() + prompt_len();
  const SShape cache{batch(), filled + cache_spare(), n_kv_heads(), head_dim()};
  const SShape fixed{batch(), max_seq_len(), n_kv_heads(), head_dim()};
  const std::vector<Case<Dim>> cases{
      {"the filled part of a cache with spare room", cache, 1, 0, filled,
       SShape{batch(), filled, n_kv_heads(), head_dim()}},
      {"the last position", fixed, 1, -1, 1, SShape{batch(), 1, n_kv_heads(), head_dim()}},
      {"past the end of a fixed-size cache", fixed, 1, pos(), prompt_len(),
       "narrow: start + length exceeds self [batch, max_seq_len, n_kv_heads, head_dim] at dim 1 "
       "(prompt_len + pos vs max_seq_len); fails whenever prompt_len + pos > max_seq_len, "
       "smallest: prompt_len=1, max_seq_len=1, pos=1"},
      {"undecided bound",
       {x * x + 3},
       0,
       3 * x,
       0,
       "narrow: start + length exceeds self [x^2 + 3] at dim 0 (3*x vs x^2 + 3); cannot be "
       "decided for every configuration (would fail when 3*x > x^2 + 3)"},
      {"negative start before the beginning", fixed, 1, -2, 1,
       "narrow: start -2 reaches before self [batch, max_seq_len, n_kv_heads, head_dim] at dim 1 "
       "(2 vs max_seq_len); fails whenever 2 > max_seq_len, smallest: max_seq_len=1"},
      {"negative length", fixed, 1, 0, -1,
       "narrow: length is negative for self [batch, max_seq_len, n_kv_heads, head_dim] at dim 1 "
       "(-1 vs 0); fails for every configuration"},
      {"0-dim self",
       {},
       0,
       0,
       1,
       "narrow: self [] has too few dims (rank 0 vs rank >= 1); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

TEST(Narrow, UndecidedBoundIsUnknownNotRefuted) {
  const Dim x = Dim::var("x");
  auto r = narrow(SShape{x * x + 3}, 0, 3 * x, Dim(0));
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().unknown);
}

}  // namespace
}  // namespace kvcheck::shape
