// Position proofs: masks, cache slots and RoPE positions over every run, decided by isl.
#include "kvcheck/props/position_proof.hpp"

#include <gtest/gtest.h>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::props {
namespace {

const model::Implementation& impl_of(const std::string& variant) {
  return model::find_variant(variant)->impl;
}

struct Expected {
  std::string variant;
  PositionClaim claim;
  sym::Truth truth;
  std::string condition;  ///< for kRefuted
  std::string smallest;   ///< for kRefuted
  std::string where;      ///< for kRefuted
};

void PrintTo(const Expected& e, std::ostream* os) {
  *os << e.variant << "/" << static_cast<int>(e.claim);
}

class PositionProof : public ::testing::TestWithParam<Expected> {};

TEST_P(PositionProof, DecidesEveryRun) {
  const Expected& e = GetParam();
  const PositionVerdict v = prove_positions(impl_of(e.variant), e.claim);
  ASSERT_EQ(v.truth, e.truth) << v.reason;
  if (e.truth != sym::Truth::kRefuted) return;
  EXPECT_EQ(v.condition, e.condition);
  ASSERT_TRUE(v.smallest.has_value());
  EXPECT_EQ(v.smallest->to_string(), e.smallest);
  EXPECT_EQ(v.where, e.where);
  EXPECT_FALSE(v.op_pseudo.empty());
}

constexpr auto kRef = PositionClaim::kReferenceAttention;
constexpr auto kZero = PositionClaim::kNoZeroSlotInPrefill;
constexpr auto kChunk = PositionClaim::kChunkedEqualsWhole;
constexpr auto P = sym::Truth::kProved;
constexpr auto R = sym::Truth::kRefuted;

INSTANTIATE_TEST_SUITE_P(
    Catalog, PositionProof,
    ::testing::Values(
        Expected{"fixed", kRef, P, "", "", ""}, Expected{"fixed", kZero, P, "", "", ""},
        Expected{"fixed", kChunk, P, "", "", ""},
        Expected{"sdpa-enable-gqa", kRef, P, "", "", ""},
        // Decode reads the whole buffer: an unwritten slot exists unless this is the last
        // step into a full cache.
        Expected{"unmasked-cache-tail", kRef, R,
                 "decode_steps >= 1 and decode_steps + cache_spare >= 2",
                 "prompt_len=1, decode_steps=1, head_dim=1, cache_spare=1",
                 "decode step 1, query token 1, key slot 2"},
        Expected{"unmasked-cache-tail", kChunk, P, "", "", ""},
        Expected{"unmasked-cache-tail", kZero, P, "", "", ""},
        // RoPE from 0: any step after the first, once head_dim has a pair to rotate.
        Expected{"rope-position-reset", kRef, R, "head_dim >= 2 and decode_steps + chunk_len >= 1",
                 "prompt_len=1, decode_steps=1, head_dim=2, cache_spare=0",
                 "decode step 1, query token 1, key slot 0"},
        Expected{"rope-position-reset", kChunk, R, "head_dim >= 2 and prefill is chunked",
                 "prompt_len=2, decode_steps=0, head_dim=2, cache_spare=0, chunk_len=1",
                 "query token 1, key slot 0"},
        Expected{"padded-causal-mask", kRef, R, "decode_steps + cache_spare + chunk_len >= 1",
                 "prompt_len=1, decode_steps=0, head_dim=1, cache_spare=1",
                 "prefill, query token 0, key slot 1"},
        Expected{"padded-causal-mask", kZero, R, "no decode step and cache_spare + chunk_len >= 1",
                 "prompt_len=1, decode_steps=0, head_dim=1, cache_spare=1",
                 "prefill, query token 0, key slot 1"},
        Expected{"padded-causal-mask", kChunk, R, "prefill is chunked",
                 "prompt_len=2, decode_steps=0, head_dim=1, cache_spare=0, chunk_len=1",
                 "query token 0, zero slots"}));

TEST(PositionProof, StepsNameEveryObligation) {
  const PositionVerdict v = prove_positions(impl_of("fixed"), kRef);
  ASSERT_EQ(v.steps.size(), 10u);
  EXPECT_EQ(v.steps[0], "any prefill step: no query admits an unwritten (zero) cache slot: holds");
  EXPECT_EQ(v.steps[9], "any decode step: the cache keeps slot j = token j rotated at j: holds");
}

TEST(PositionProof, MemoisedVerdictsNameEachImplementationsOwnOp) {
  // Two implementations share the facts (same mask and RoPE) but not the code line.
  model::Implementation sdpa = impl_of("unmasked-cache-tail");
  sdpa.layout = model::CacheLayout::kBHLD;
  const PositionVerdict a = prove_positions(impl_of("unmasked-cache-tail"), kRef);
  const PositionVerdict b = prove_positions(sdpa, kRef);
  EXPECT_EQ(a.condition, b.condition);
  EXPECT_EQ(a.op_pseudo, "keys = self.cache_k[:bsz]");
  EXPECT_EQ(b.op_pseudo, "keys = self.cache_k[:bsz]");
}

}  // namespace
}  // namespace kvcheck::props
