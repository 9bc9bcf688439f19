// index_copy_: writing keys/values into a cache buffer, the rule that catches a buffer
// allocated with n_heads but written with n_kv_heads.
#include "kvcheck/shape/ops/index_copy.hpp"

#include "rule_test_support.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
struct Case {
  std::string name;
  Shape<D> self;
  std::int64_t dim;
  D index_len;
  Shape<D> source;
  Expected<D> want;
};

template <class D>
ShapeResult<D> apply(const Case<D>& c) {
  return index_copy(c.self, c.dim, c.index_len, c.source);
}

// A [batch, seq, heads, head_dim] cache buffer, as the tests write into it.
SShape buffer(const Dim& heads) {
  return {batch(), max_seq_len(), heads, head_dim()};
}
SShape keys(const Dim& len, const Dim& heads) {
  return {batch(), len, heads, head_dim()};
}

TEST(IndexCopy, Concrete) {
  const IShape cache{2, 16, 2, 8};
  const std::vector<Case<std::int64_t>> cases{
      {"prompt into the cache", cache, 1, 5, {2, 5, 2, 8}, cache},
      {"negative dim", cache, -3, 5, {2, 5, 2, 8}, cache},
      {"heads differ",
       {2, 16, 4, 8},
       1,
       5,
       {2, 5, 2, 8},
       "index_copy_: source [2, 5, 2, 8] does not fit self [2, 16, 4, 8] at dim 2 (2 vs 4)"},
      {"rank differs",
       cache,
       1,
       5,
       {5, 2, 8},
       "index_copy_: source [5, 2, 8] does not have the rank of self [2, 16, 2, 8] (rank 3 vs "
       "rank 4)"},
      {"index length differs",
       cache,
       1,
       4,
       {2, 5, 2, 8},
       "index_copy_: source [2, 5, 2, 8] does not match the index length at dim 1 (5 vs 4)"},
      {"dim out of range",
       cache,
       4,
       5,
       {2, 5, 2, 8},
       "index_copy_: dim 4 is out of range for self [2, 16, 2, 8] (4 vs [-4, 3])"},
      {"0-dim self", {}, 0, 1, {}, "index_copy_: self [] has too few dims (rank 0 vs rank >= 1)"},
  };
  run_table(cases, apply<std::int64_t>);
}

TEST(IndexCopy, Symbolic) {
  const std::vector<Case<Dim>> cases{
      {"kv heads into a kv-head buffer", buffer(n_kv_heads()), 1, prompt_len(),
       keys(prompt_len(), n_kv_heads()), buffer(n_kv_heads())},
      {"one decode step", buffer(n_kv_heads()), 1, 1, keys(1, n_kv_heads()), buffer(n_kv_heads())},
      {"kv heads into an n_heads buffer", buffer(n_heads()), 1, prompt_len(),
       keys(prompt_len(), n_kv_heads()),
       "index_copy_: source [batch, prompt_len, n_kv_heads, head_dim] does not fit self "
       "[batch, max_seq_len, n_heads, head_dim] at dim 2 (n_kv_heads vs n_heads); fails "
       "whenever group >= 2, smallest: n_kv_heads=1, group=2 (n_heads=2)"},
      {"repeat_kv before the write, into a kv-head buffer", buffer(n_kv_heads()), 1, prompt_len(),
       keys(prompt_len(), n_heads()),
       "index_copy_: source [batch, prompt_len, n_heads, head_dim] does not fit self "
       "[batch, max_seq_len, n_kv_heads, head_dim] at dim 2 (n_heads vs n_kv_heads); fails "
       "whenever group >= 2, smallest: n_kv_heads=1, group=2 (n_heads=2)"},
      {"whole prompt written at one position", buffer(n_kv_heads()), 1, 1,
       keys(prompt_len(), n_kv_heads()),
       "index_copy_: source [batch, prompt_len, n_kv_heads, head_dim] does not match the index "
       "length at dim 1 (prompt_len vs 1); fails whenever prompt_len >= 2, smallest: "
       "prompt_len=2"},
      {"rank differs",
       buffer(n_kv_heads()),
       1,
       prompt_len(),
       {prompt_len(), n_kv_heads(), head_dim()},
       "index_copy_: source [prompt_len, n_kv_heads, head_dim] does not have the rank of self "
       "[batch, max_seq_len, n_kv_heads, head_dim] (rank 3 vs rank 4); fails for every "
       "configuration"},
      {"dim out of range", buffer(n_kv_heads()), -5, prompt_len(), keys(prompt_len(), n_kv_heads()),
       "index_copy_: dim -5 is out of range for self [batch, max_seq_len, n_kv_heads, head_dim] "
       "(-5 vs [-4, 3]); fails for every configuration"},
  };
  run_table(cases, apply<Dim>);
}

TEST(IndexCopy, ErrorCarriesConditionAndCounterModel) {
  auto r = index_copy(buffer(n_heads()), 1, prompt_len(), keys(prompt_len(), n_kv_heads()));
  ASSERT_FALSE(r.has_value());
  const ShapeError& e = r.error();
  EXPECT_EQ(e.op, "index_copy_");
  EXPECT_EQ(e.lhs, "n_kv_heads");
  EXPECT_EQ(e.rhs, "n_heads");
  EXPECT_EQ(e.condition, "group >= 2");
  EXPECT_FALSE(e.unknown);
  ASSERT_TRUE(e.smallest.has_value());
  EXPECT_EQ(*e.smallest,
            (sym::Assignment{{sym::symbols::n_kv_heads(), 1}, {sym::symbols::group(), 2}}));
  EXPECT_EQ(e.operands, (std::vector<std::string>{
                            "self [batch, max_seq_len, n_heads, head_dim]", "index [prompt_len]",
                            "source [batch, prompt_len, n_kv_heads, head_dim]"}));
}

}  // namespace
}  // namespace kvcheck::shape
