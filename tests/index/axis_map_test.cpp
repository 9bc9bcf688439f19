// Axis maps: the mixed-radix normal form, split, merge, broadcast and reading a source back.
#include "kvcheck/index/axis_map.hpp"

#include <gtest/gtest.h>

namespace kvcheck::index {
namespace {

namespace s = sym::symbols;
using sym::Dim;

const Dim kv(s::n_kv_heads());
const Dim group(s::group());
const Dim hd(s::head_dim());

TEST(AxisMap, NormalFormDropsUnitDigitsAndFusesConsecutivePieces) {
  AxisMap a{{Digit{"w", hd, kv}, Digit{"", Dim(1), Dim(1)}, Digit{"w", Dim(1), hd}}};
  EXPECT_EQ(a.normalized(), source_axis("w", kv * hd));
  AxisMap copies{{Digit{"", 1, group}, Digit{"", 1, kv}}};
  EXPECT_EQ(copies.normalized(), copy_axis(group * kv));
}

TEST(AxisMap, SplitAtADigitBoundary) {
  auto split = split_axis(source_axis("wk.out", kv * hd), {kv, hd});
  ASSERT_TRUE(split.has_value());
  EXPECT_EQ((*split)[0].to_string(), "[wk.out/head_dim%n_kv_heads]");
  EXPECT_EQ((*split)[1].to_string(), "[wk.out%head_dim]");
  EXPECT_EQ(merge_axes(*split), source_axis("wk.out", kv * hd));
}

TEST(AxisMap, SplitThatDoesNotAlignIsUnknown) {
  auto split = split_axis(source_axis("w", kv * hd), {hd, group});
  ASSERT_FALSE(split.has_value());
  EXPECT_NE(split.error().reason.find("does not align"), std::string::npos);
}

TEST(AxisMap, BroadcastOfADivisorIsACopyInFront) {
  const AxisMap heads = source_axis("wk.out", kv);
  EXPECT_EQ(broadcast_axis(heads, kv), heads);
  EXPECT_EQ(broadcast_axis(heads, kv * group).to_string(), "[copy(group), wk.out%n_kv_heads]");
  // Not a multiple: valid only where the extents are equal, and kept as it is.
  EXPECT_EQ(broadcast_axis(source_axis("w", kv * group), kv), source_axis("w", kv * group));
}

TEST(AxisMap, ReadThroughPicksTheHeadPiece) {
  AxisMap interleaved{{Digit{"wk.out", hd, kv}, Digit{"", 1, group}}};
  auto f = read_through(interleaved, "wk.out", hd);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->to_string("h"), "h / group % n_kv_heads");
  AxisMap tiled{{Digit{"", 1, group}, Digit{"wk.out", hd, kv}}};
  EXPECT_EQ(read_through(tiled, "wk.out", hd)->to_string("h"), "h % n_kv_heads");
}

TEST(AxisMap, ReadThroughRejectsADigitStraddlingTheUnit) {
  AxisMap odd{{Digit{"w", Dim(2), hd}}};
  EXPECT_FALSE(read_through(odd, "w", hd).has_value());
}

TEST(AxisMap, DivideFunctionIsTheGroupOfAHead) {
  auto f = divide_function(identity_function(kv * group), group);
  ASSERT_TRUE(f.has_value());
  EXPECT_EQ(f->to_string("h"), "h / group % n_kv_heads");
  EXPECT_FALSE(divide_function(identity_function(kv), group).has_value());
}

TEST(AxisMap, TilingDiffersFromInterleavingExactlyForGqa) {
  const AxisFunction interleave{{Term{group, kv, 1}}};
  const AxisFunction tile{{Term{1, kv, 1}}};
  auto c = differ_condition(tile, interleave);
  ASSERT_TRUE(c.has_value());
  EXPECT_EQ(c->text(), "n_kv_heads >= 2 and group >= 2");
  EXPECT_TRUE(differ_condition(interleave, interleave)->is_never());
}

TEST(AxisMap, ConstantAgainstAHeadDiffersWhenThatHeadVaries) {
  const AxisFunction zero{};
  const AxisFunction heads{{Term{1, kv, 1}}};
  EXPECT_EQ(differ_condition(zero, heads)->text(), "n_kv_heads >= 2");
}

TEST(AxisMap, SumsOfSeveralTermsAreUnknownUnlessIdentical) {
  const AxisFunction two{{Term{group, kv, 1}, Term{1, group, 1}}};
  EXPECT_TRUE(differ_condition(two, two)->is_never());
  EXPECT_FALSE(differ_condition(two, AxisFunction{{Term{1, kv, 1}}}).has_value());
}

}  // namespace
}  // namespace kvcheck::index
