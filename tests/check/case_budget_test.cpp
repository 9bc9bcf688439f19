// reduce_for_budget: published models run at their own sizes; a model too large for one
// case keeps its group, two kv heads and head_dim's parity, and fits the reduced budget.
#include "kvcheck/check/case_budget.hpp"

#include <gtest/gtest.h>

namespace kvcheck::check {
namespace {

model::AttentionConfig model_of(std::int64_t n_heads, std::int64_t n_kv_heads, std::int64_t head_dim) {
  model::AttentionConfig c;
  c.n_heads = n_heads;
  c.n_kv_heads = n_kv_heads;
  c.head_dim = head_dim;
  return c;
}

TEST(CaseBudget, PublishedModelsRunAtTheirOwnSizes) {
  EXPECT_FALSE(reduce_for_budget(model_of(32, 8, 128)));     // Llama 3 8B
  EXPECT_FALSE(reduce_for_budget(model_of(128, 8, 128)));    // Llama 3.1 405B
  EXPECT_FALSE(reduce_for_budget(model_of(128, 128, 192)));  // DeepSeek-V3, decompressed
  EXPECT_FALSE(reduce_for_budget(model_of(512, 512, 128)));  // at the budget exactly
  EXPECT_TRUE(reduce_for_budget(model_of(512, 512, 130)));
}

TEST(CaseBudget, HugeHeadDimKeepsGroupKvHeadsAndParity) {
  const auto r = reduce_for_budget(model_of(64, 8, 1000000));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->n_heads / r->n_kv_heads, 8);
  EXPECT_GE(r->n_kv_heads, 2);
  EXPECT_EQ(r->head_dim % 2, 0);
  EXPECT_TRUE(r->group_kept);
  EXPECT_LE(r->n_heads * r->head_dim, kReducedHeadElements);
  EXPECT_NE(r->note.find("group 8 kept"), std::string::npos) << r->note;
}

TEST(CaseBudget, BillionHeadsKeepMhaAndFit) {
  const auto r = reduce_for_budget(model_of(1000000000, 1000000000, 2));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->n_heads, r->n_kv_heads);
  EXPECT_EQ(r->head_dim, 2);
  EXPECT_LE(r->n_heads * r->head_dim, kReducedHeadElements);
}

TEST(CaseBudget, OddHeadDimStaysOdd) {
  const auto r = reduce_for_budget(model_of(1, 1, 2147483647));
  ASSERT_TRUE(r);
  EXPECT_EQ(r->head_dim % 2, 1);
  EXPECT_LE(r->head_dim, kReducedHeadElements);
}

TEST(CaseBudget, AGroupOverTheBudgetIsReducedButStaysGrouped) {
  const auto r = reduce_for_budget(model_of(1 << 20, 1, 2));
  ASSERT_TRUE(r);
  EXPECT_FALSE(r->group_kept);
  EXPECT_EQ(r->n_kv_heads, 1);
  EXPECT_GE(r->n_heads, 2);
  EXPECT_LE(r->n_heads * r->head_dim, kReducedHeadElements);
  EXPECT_NE(r->note.find("of 1048576"), std::string::npos) << r->note;
}

}  // namespace
}  // namespace kvcheck::check
