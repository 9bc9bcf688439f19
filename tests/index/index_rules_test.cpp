// Index rules: one test group per registered op, each with the exact semantics it models and
// the case it refuses; the registry test checks every rule is listed here.
#include "kvcheck/index/index_rules.hpp"

#include <gtest/gtest.h>

#include <set>

namespace kvcheck::index {
namespace {

namespace s = sym::symbols;
using sym::Dim;

const Dim b(s::batch());
const Dim kv(s::n_kv_heads());
const Dim group(s::group());
const Dim hd(s::head_dim());
const Dim len(s::chunk_len());

/// xk after the projection and the view: [batch, seq, n_kv_heads, head_dim].
Axes keys() {
  Axes x = {single(source_axis("batch", b)), single(source_axis("seq", len)),
            single(source_axis("hidden", Dim(s::hidden())))};
  x = *linear_index(x, "wk", kv * hd);
  return *view_index(x, {b, len, kv, hd});
}

std::string head_reads(const Axes& x, std::size_t axis = 2) {
  const AxisMap* v = x[axis].view_reading("wk.out");
  if (!v) return "none";
  auto f = read_through(*v, "wk.out", hd);
  return f ? f->to_string("h") : "unknown";
}

// The ops these tests cover; the registry must list exactly these.
const std::set<std::string> kTested = {
    "linear", "view", "transpose", "permute", "repeat_interleave", "repeat", "unsqueeze",
    "expand", "narrow", "cat", "index_copy_", "matmul", "scaled_dot_product_attention"};

TEST(IndexRuleRegistry, EveryRuleIsRegisteredDocumentedAndTested) {
  std::set<std::string> registered;
  for (const IndexRuleInfo& r : index_rule_registry()) {
    EXPECT_FALSE(r.semantics.empty()) << r.op;
    EXPECT_TRUE(registered.insert(r.op).second) << r.op << " twice";
  }
  EXPECT_EQ(registered, kTested);
}

TEST(LinearIndex, LastAxisBecomesTheWeightsFeatures) {
  const Axes x = keys();
  ASSERT_EQ(x.size(), 4u);
  EXPECT_EQ(axes_to_string(x),
            "[batch%batch] [seq%chunk_len] [wk.out/head_dim%n_kv_heads] [wk.out%head_dim]");
  EXPECT_FALSE(linear_index({}, "wk", kv).has_value());
}

TEST(ViewIndex, MisalignedSplitIsUnknown) {
  EXPECT_FALSE(view_index(keys(), {b, len, group, hd}).has_value());
}

TEST(ViewIndex, ReshapeAcrossTheHeadBoundaryLeavesNoHead) {
  // view(b, s, head_dim, n_kv_heads) is a valid reshape, but no axis holds whole heads.
  auto v = view_index(keys(), {b, len, hd, kv});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(head_reads(*v), "unknown");
}

TEST(ViewIndex, MergeAndSplitRoundTrip) {
  auto flat = view_index(keys(), {b, len, kv * hd});
  ASSERT_TRUE(flat.has_value());
  EXPECT_EQ((*flat)[2].views.front(), source_axis("wk.out", kv * hd));
}

TEST(TransposeIndex, AxesSwap) {
  auto t = transpose_index(keys(), 1, 2);
  ASSERT_TRUE(t.has_value());
  EXPECT_EQ(head_reads(*t, 1), "h % n_kv_heads");
  EXPECT_FALSE(transpose_index(keys(), 0, 4).has_value());
}

TEST(PermuteIndex, AxesReorder) {
  auto p = permute_index(keys(), {0, 2, 1, 3});
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(head_reads(*p, 1), "h % n_kv_heads");
  EXPECT_FALSE(permute_index(keys(), {0, 0, 1, 3}).has_value());
  EXPECT_FALSE(permute_index(keys(), {0, 1}).has_value());
}

TEST(RepeatInterleaveIndex, HeadHReadsHOverGroup) {
  auto r = repeat_interleave_index(keys(), group, 2);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(head_reads(*r), "h / group % n_kv_heads");
  EXPECT_FALSE(repeat_interleave_index(keys(), group, 7).has_value());
}

TEST(RepeatIndex, HeadAxisRepeatTiles) {
  auto r = repeat_index(keys(), {1, 1, group, 1});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(head_reads(*r), "h % n_kv_heads");
  EXPECT_FALSE(repeat_index(keys(), {1, group}).has_value());
}

TEST(RepeatIndex, LastAxisRepeatThenReshapeInterleaves) {
  // x.repeat(1, 1, 1, n_rep).view(b, s, n_kv_heads * n_rep, head_dim): the copies sit
  // inside each head, so the reshape into the head axis interleaves.
  auto r = repeat_index(keys(), {1, 1, 1, group});
  ASSERT_TRUE(r.has_value());
  auto v = view_index(*r, {b, len, kv * group, hd});
  ASSERT_TRUE(v.has_value());
  EXPECT_EQ(head_reads(*v), "h / group % n_kv_heads");
}

TEST(UnsqueezeExpandReshape, HuggingFaceRepeatKvInterleaves) {
  // x[:, :, :, None, :].expand(b, s, kv, n_rep, d).reshape(b, s, kv * n_rep, d)
  auto u = unsqueeze_index(keys(), 3);
  ASSERT_TRUE(u.has_value());
  auto e = expand_index(*u, {std::nullopt, std::nullopt, std::nullopt, group, std::nullopt});
  ASSERT_TRUE(e.has_value());
  auto r = view_index(*e, {b, len, kv * group, hd});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(head_reads(*r), "h / group % n_kv_heads");
}

TEST(UnsqueezeExpandReshape, CopiesInFrontOfTheHeadsTile) {
  // x[:, :, None].expand(b, s, n_rep, kv, d).reshape(b, s, n_rep * kv, d) tiles.
  auto u = unsqueeze_index(keys(), 2);
  auto e = expand_index(*u, {std::nullopt, std::nullopt, group, std::nullopt, std::nullopt});
  ASSERT_TRUE(e.has_value());
  auto r = view_index(*e, {b, len, group * kv, hd});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(head_reads(*r), "h % n_kv_heads");
}

TEST(UnsqueezeIndex, OutOfRangeIsUnknown) {
  EXPECT_FALSE(unsqueeze_index(keys(), 6).has_value());
  EXPECT_EQ(unsqueeze_index(keys(), -1)->size(), 5u);
}

TEST(ExpandIndex, OnlyOneElementAxesStretch) {
  EXPECT_FALSE(expand_index(keys(), {b, len, group, hd}).has_value());
  auto same = expand_index(keys(), {b, len, kv, hd});
  ASSERT_TRUE(same.has_value());
  EXPECT_EQ(head_reads(*same), "h % n_kv_heads");
}

TEST(NarrowIndex, PrefixOfTheSequence) {
  auto n = narrow_index(keys(), 1, Dim(0), Dim(s::pos()));
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ((*n)[1].views.front().to_string(), "[seq%pos]");
  // The head axis reads its source from head_dim on (a piece, not one source in order).
  EXPECT_FALSE(narrow_index(keys(), 2, Dim(1), Dim(1)).has_value());
}

TEST(CatIndex, PastThenNewAlongTheSequence) {
  auto c = cat_index({keys(), keys()}, 1);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ((*c)[1].views.front().to_string(), "[seq%2*chunk_len]");
  auto other = transpose_index(keys(), 2, 3);
  EXPECT_FALSE(cat_index({keys(), *other}, 1).has_value());
}

TEST(IndexCopyIndex, WrittenElementsReadTheSource) {
  Axes cache = {single(copy_axis(b)), single(source_axis("slot", Dim(s::max_seq_len()))),
                single(copy_axis(kv)), single(copy_axis(hd))};
  auto w = index_copy_index(cache, 1, keys());
  ASSERT_TRUE(w.has_value());
  EXPECT_EQ((*w)[1].views.front().to_string(), "[slot%max_seq_len]");
  EXPECT_EQ(head_reads(*w), "h % n_kv_heads");
  EXPECT_FALSE(index_copy_index(cache, 1, {single(copy_axis(b))}).has_value());
}

TEST(MatmulIndex, BroadcastHeadsTileWhereValid) {
  // q [b, n_heads, len, hd] @ k^T [b, n_kv_heads, hd, len]: a size-1 kv axis broadcasts,
  // which is the tile pattern h % n_kv_heads.
  Axes q = {single(source_axis("batch", b)), single(source_axis("wq.out", kv * group)),
            single(source_axis("seq", len)), single(source_axis("f", hd))};
  auto kt = transpose_index(*transpose_index(keys(), 1, 2), 2, 3);
  auto scores = matmul_index(q, *kt);
  ASSERT_TRUE(scores.has_value());
  ASSERT_EQ((*scores)[1].views.size(), 2u);
  EXPECT_EQ(head_reads(*scores, 1), "h % n_kv_heads");
  EXPECT_FALSE(matmul_index(q, {single(copy_axis(hd))}).has_value());
}

TEST(ScaledDotProductAttentionIndex, EnableGqaInterleaves) {
  Axes q = {single(source_axis("batch", b)), single(source_axis("wq.out", kv * group)),
            single(source_axis("seq", len)), single(source_axis("f", hd))};
  auto k = transpose_index(keys(), 1, 2);
  auto gqa = scaled_dot_product_attention_index(q, *k, *k, true);
  ASSERT_TRUE(gqa.has_value());
  EXPECT_EQ(head_reads(*gqa, 1), "h / group % n_kv_heads");
  auto plain = scaled_dot_product_attention_index(q, *k, *k, false);
  EXPECT_EQ(head_reads(*plain, 1), "h % n_kv_heads");
  EXPECT_FALSE(scaled_dot_product_attention_index(q, keys(), {}, true).has_value());
}

}  // namespace
}  // namespace kvcheck::index
