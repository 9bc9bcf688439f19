// The walkthrough's measured parts: head maps from the numeric interpreter, where a variant
// breaks, memory figures and their formatting.
#include "kvcheck/demo/walkthrough.hpp"

#include <gtest/gtest.h>

#include "demo_test_support.hpp"
#include "kvcheck/demo/lesson.hpp"

namespace kvcheck::demo {
namespace {

using Heads = std::vector<std::int64_t>;

model::AttentionConfig heads(std::int64_t n_heads, std::int64_t n_kv_heads) {
  DemoOptions o;
  o.n_heads = n_heads;
  o.n_kv_heads = n_kv_heads;
  return resolve_demo(o, *model::find_variant("fixed")).config;
}

TEST(HeadMap, InterleaveReadsHOverGroupAndTileReadsHModKv) {
  EXPECT_EQ(measure_head_map(heads(4, 2), model::RepeatKind::kInterleave).kv_of,
            (Heads{0, 0, 1, 1}));
  EXPECT_EQ(measure_head_map(heads(4, 2), model::RepeatKind::kTile).kv_of, (Heads{0, 1, 0, 1}));
  EXPECT_EQ(measure_head_map(heads(6, 3), model::RepeatKind::kTile).readers(2), (Heads{2, 5}));
}

TEST(HeadMap, MultiQueryAttentionCannotTellThemApart) {
  EXPECT_EQ(measure_head_map(heads(8, 1), model::RepeatKind::kTile).kv_of, Heads(8, 0));
}

TEST(Breakdown, ShapeErrorsComeFromTheProofWithItsCounterModel) {
  const Breakdown b = find_breakdown(*model::find_variant("cache-sized-by-n_heads"), heads(4, 2));
  EXPECT_EQ(b.evidence, Evidence::kProof);
  EXPECT_EQ(b.property, "shape-safety");
  EXPECT_EQ(b.torch_op, "index_copy_");
  EXPECT_EQ(b.step, "prefill");
  EXPECT_EQ(b.condition, "group >= 2");
  EXPECT_EQ(b.smallest, "n_kv_heads=1, group=2 (n_heads=2)");
  EXPECT_NE(b.here.find("index_copy_"), std::string::npos);
}

TEST(Breakdown, SilentBugsAreRefutedByTheIndexProof) {
  const Breakdown b = find_breakdown(*model::find_variant("tile-repeat"), heads(4, 2));
  EXPECT_EQ(b.evidence, Evidence::kProof);
  EXPECT_EQ(b.property, "head-mapping");
  EXPECT_EQ(b.torch_op, "repeat");
  EXPECT_EQ(b.condition, "n_kv_heads >= 2 and group >= 2");
  EXPECT_EQ(b.smallest, "n_kv_heads=2, group=2 (n_heads=4)");
  EXPECT_TRUE(find_breakdown(*model::find_variant("tile-repeat"), heads(8, 1)).here.empty());
}

TEST(Breakdown, TheFixedOrderDoesNotBreak) {
  EXPECT_EQ(find_breakdown(*model::find_variant("fixed"), heads(4, 2)).evidence, Evidence::kNone);
}

TEST(Walkthrough, MemoryForTheDemoAndTheRealModel) {
  const Walkthrough w = testing::walkthrough();
  ASSERT_EQ(w.memory.size(), 2u);
  // 2 (k and v) * 2 kv heads * head_dim 4 * 4 bytes * 5 positions, one layer.
  EXPECT_EQ(w.memory[0].memory.bytes_at_max_positions, 320);
  EXPECT_EQ(w.memory[0].memory.repeated_bytes_at_max_positions, 640);
  // Llama-3-8B: 2 * 8 * 128 * 2 bytes * 32 layers * 8192 positions = 1 GiB; repeated 4x.
  EXPECT_EQ(w.memory[1].label, "Llama-3-8B");
  EXPECT_EQ(w.memory[1].memory.bytes_at_max_positions, std::int64_t{1} << 30);
  EXPECT_EQ(w.memory[1].memory.repeated_bytes_at_max_positions, std::int64_t{4} << 30);
}

TEST(Walkthrough, RowsAlignTheTwoLanesPerStep) {
  const Walkthrough w = testing::walkthrough({}, "repeat-then-cache");
  ASSERT_EQ(w.rows.size(), w.fixed.steps.size());
  int only_fixed = 0;
  int only_wrong = 0;
  for (const AlignedRow& r : w.rows[1]) {
    only_fixed += r.differs && !r.right ? 1 : 0;
    only_wrong += r.differs && !r.left ? 1 : 0;
  }
  // repeat_kv moves from after the read (fixed) to before the write, for keys and values.
  EXPECT_EQ(only_fixed, 2);
  EXPECT_EQ(only_wrong, 2);
}

TEST(Lesson, FormatBytes) {
  EXPECT_EQ(format_bytes(0), "0 B");
  EXPECT_EQ(format_bytes(1023), "1023 B");
  EXPECT_EQ(format_bytes(1536), "1.50 KiB");
  EXPECT_EQ(format_bytes(std::int64_t{1} << 30), "1.00 GiB");
}

TEST(Lesson, HeadMapLessonNamesTheMovedHeads) {
  EXPECT_NE(head_map_lesson(testing::walkthrough()).find("query heads 1, 2"), std::string::npos);
  DemoOptions mqa;
  mqa.n_heads = 8;
  mqa.n_kv_heads = 1;
  EXPECT_NE(head_map_lesson(testing::walkthrough(mqa)).find("Both maps agree"), std::string::npos);
}

}  // namespace
}  // namespace kvcheck::demo
