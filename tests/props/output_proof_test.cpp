// Output proofs: shapes, heads and positions combined into one verdict per property.
#include "kvcheck/props/output_proof.hpp"

#include <gtest/gtest.h>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::props {
namespace {

const model::Implementation& impl_of(const std::string& variant) {
  return model::find_variant(variant)->impl;
}

TEST(OutputProof, EveryOutputPropertyOfTheFixedOrderIsProved) {
  for (const auto claim : {OutputClaim::kOutputEquivalence, OutputClaim::kMhaReduction,
                           OutputClaim::kHeadMapping, OutputClaim::kChunkedPrefill}) {
    const Proof p = prove_output(impl_of("fixed"), claim);
    EXPECT_EQ(p.truth, sym::Truth::kProved) << static_cast<int>(claim) << ": " << p.message;
    EXPECT_FALSE(p.steps.empty());
  }
}

TEST(OutputProof, TileRepeatNamesTheOpTheConditionAndTheHead) {
  const Proof p = prove_output(impl_of("tile-repeat"), OutputClaim::kOutputEquivalence);
  ASSERT_EQ(p.truth, sym::Truth::kRefuted);
  ASSERT_TRUE(p.failure.has_value());
  EXPECT_EQ(p.failure->op.torch_op, "repeat");
  EXPECT_EQ(p.failure->error.condition, "n_kv_heads >= 2 and group >= 2");
  EXPECT_EQ(p.message,
            "repeat: query head h reads key head h / group does not hold (query head 1 reads kv "
            "head 1 instead of 0); fails whenever n_kv_heads >= 2 and group >= 2, smallest: "
            "n_kv_heads=2, group=2 (n_heads=4)");
}

TEST(OutputProof, AShapeErrorComesFirstWhenItsCounterModelIsSmaller) {
  const Proof p = prove_output(impl_of("cache-sized-by-n_heads"), OutputClaim::kOutputEquivalence);
  ASSERT_EQ(p.truth, sym::Truth::kRefuted);
  EXPECT_EQ(p.failure->error.op, "index_copy_");
  EXPECT_EQ(p.failure->error.condition, "group >= 2");
}

TEST(OutputProof, TheMhaReductionIgnoresHeadBugs) {
  EXPECT_EQ(prove_output(impl_of("tile-repeat"), OutputClaim::kMhaReduction).truth,
            sym::Truth::kProved);
  EXPECT_EQ(prove_output(impl_of("cache-sized-by-n_heads"), OutputClaim::kMhaReduction).truth,
            sym::Truth::kProved);
  const Proof rope = prove_output(impl_of("rope-position-reset"), OutputClaim::kMhaReduction);
  ASSERT_EQ(rope.truth, sym::Truth::kRefuted);
  EXPECT_EQ(rope.failure->error.smallest->get(sym::symbols::group()), 1);
}

TEST(OutputProof, ChunkedPrefillIgnoresWhatBothRunsShare) {
  for (const char* v : {"tile-repeat", "unmasked-cache-tail", "repeat-then-cache"}) {
    EXPECT_EQ(prove_output(impl_of(v), OutputClaim::kChunkedPrefill).truth, sym::Truth::kProved) << v;
  }
}

}  // namespace
}  // namespace kvcheck::props

namespace kvcheck::props {
namespace {

TEST(OutputProof, OneModelsHeadCountsDecideThatModel) {
  // Tiling is harmless for a multi-query model (one kv head) and wrong for Falcon-40B's 8.
  const Proof mqa = prove_output(impl_of("tile-repeat"), OutputClaim::kOutputEquivalence,
                                 HeadCounts{1, 71});
  EXPECT_EQ(mqa.truth, sym::Truth::kProved) << mqa.message;
  const Proof gqa = prove_output(impl_of("tile-repeat"), OutputClaim::kOutputEquivalence,
                                 HeadCounts{8, 16});
  ASSERT_EQ(gqa.truth, sym::Truth::kRefuted);
  EXPECT_EQ(gqa.failure->error.smallest->get(sym::symbols::group()), 16);
  EXPECT_EQ(gqa.failure->error.condition, "always");
  // The n_heads-sized cache only breaks models with group >= 2.
  EXPECT_EQ(prove_output(impl_of("cache-sized-by-n_heads"), OutputClaim::kOutputEquivalence,
                         HeadCounts{32, 1}).truth,
            sym::Truth::kProved);
}

}  // namespace
}  // namespace kvcheck::props
