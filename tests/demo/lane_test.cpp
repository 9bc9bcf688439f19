// run_lane: both interpreters' shapes per op, where a run stops, and the cache's fill.
#include "kvcheck/demo/lane.hpp"

#include <gtest/gtest.h>

#include "kvcheck/demo/demo_setup.hpp"

namespace kvcheck::demo {
namespace {

model::AttentionConfig small(std::int64_t n_heads = 4, std::int64_t n_kv_heads = 2) {
  DemoOptions o;
  o.n_heads = n_heads;
  o.n_kv_heads = n_kv_heads;
  return resolve_demo(o, *model::find_variant("fixed")).config;
}

const OpRow& op(const LaneStep& step, const std::string& pseudo_prefix) {
  for (const OpRow& row : step.ops) {
    if (row.pseudo.rfind(pseudo_prefix, 0) == 0) return row;
  }
  throw std::runtime_error("no op " + pseudo_prefix);
}

TEST(Lane, FixedRunsEveryStepAndFillsTheCache) {
  const Lane lane = run_lane(*model::find_variant("fixed"), small());
  ASSERT_EQ(lane.steps.size(), 4u);  // setup, prefill, decode 1, decode 2
  EXPECT_FALSE(lane.failure());
  EXPECT_EQ(lane.steps[0].cache.written_by, (std::vector<int>{-1, -1, -1, -1, -1}));
  EXPECT_EQ(lane.steps[1].cache.written_by, (std::vector<int>{1, 1, 1, -1, -1}));
  EXPECT_EQ(lane.steps[3].cache.written_by, (std::vector<int>{1, 1, 1, 2, 3}));
  EXPECT_EQ(lane.steps[1].cache.heads, 2);
  EXPECT_TRUE(lane.steps[1].cache.kv_sized);
  EXPECT_EQ(lane.steps[1].cache.symbolic, "[batch, max_seq_len, n_kv_heads, head_dim]");
  EXPECT_EQ(lane.steps[1].cache.concrete, "[1, 5, 2, 4]");
}

TEST(Lane, SymbolsReadAsMaxSeqLenAndPos) {
  const Lane lane = run_lane(*model::find_variant("fixed"), small());
  const OpRow& prefill_keys = op(lane.steps[1], "keys = self.cache_k");
  EXPECT_EQ(prefill_keys.symbolic, "[batch, prompt_len, n_kv_heads, head_dim]");
  EXPECT_EQ(prefill_keys.concrete, "[1, 3, 2, 4]");
  const OpRow& decode_keys = op(lane.steps[2], "keys = self.cache_k");
  EXPECT_EQ(decode_keys.symbolic, "[batch, pos + 1, n_kv_heads, head_dim]");
  EXPECT_EQ(decode_keys.concrete, "[1, 4, 2, 4]");
  EXPECT_EQ(op(lane.steps[3], "keys = self.cache_k").concrete, "[1, 5, 2, 4]");
}

TEST(Lane, CacheSizedByHeadsStopsAtTheWriteInPrefill) {
  const Lane lane = run_lane(*model::find_variant("cache-sized-by-n_heads"), small());
  const auto stop = lane.failure();
  ASSERT_TRUE(stop);
  EXPECT_EQ(stop->first, 1u);
  const OpRow& write = lane.steps[1].ops[stop->second];
  EXPECT_EQ(write.torch_op, "index_copy_");
  EXPECT_EQ(write.concrete_failure,
            "index_copy_: source [1, 3, 2, 4] does not fit self [1, 5, 4, 4] at dim 2 (2 vs 4)");
  EXPECT_EQ(write.symbolic_failure, "group >= 2");
  EXPECT_EQ(lane.steps[1].cache.written_by, (std::vector<int>(5, -1)));
  EXPECT_FALSE(lane.steps[1].cache.kv_sized);
  EXPECT_EQ(lane.steps[1].cache.heads, 4);
  EXPECT_FALSE(lane.steps[2].reached);
  EXPECT_TRUE(lane.steps[2].ops[0].concrete.empty());
}

TEST(Lane, MhaHidesTheBugFromNumbersButNotFromSymbols) {
  const Lane lane = run_lane(*model::find_variant("cache-sized-by-n_heads"), small(2, 2));
  EXPECT_FALSE(lane.failure());
  const OpRow& write = op(lane.steps[1], "self.cache_k[");
  EXPECT_EQ(write.concrete, "[1, 5, 2, 4]");
  EXPECT_EQ(write.symbolic_failure, "group >= 2");
}

TEST(Lane, BhldLayoutReadsHeadsAndPositionsFromTheirOwnDims) {
  const Lane lane = run_lane(*model::find_variant("bhld-layout"), small());
  EXPECT_EQ(lane.steps[1].cache.concrete, "[1, 2, 5, 4]");
  EXPECT_EQ(lane.steps[1].cache.heads, 2);
  EXPECT_EQ(lane.steps[1].cache.positions, 5);
  EXPECT_EQ(lane.steps[1].cache.written_by, (std::vector<int>{1, 1, 1, -1, -1}));
}

}  // namespace
}  // namespace kvcheck::demo
