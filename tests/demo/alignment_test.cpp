// align_lines: equal lines pair up, changed ones pair in order, extra ones stand alone.
#include "kvcheck/demo/alignment.hpp"

#include <gtest/gtest.h>

namespace kvcheck::demo {
namespace {

std::string show(const std::vector<AlignedRow>& rows) {
  std::string out;
  for (const AlignedRow& r : rows) {
    out += (r.left ? std::to_string(*r.left) : "-") + ":" +
           (r.right ? std::to_string(*r.right) : "-") + (r.differs ? "!" : "") + " ";
  }
  return out;
}

TEST(AlignLines, EqualListsPairOneToOne) {
  EXPECT_EQ(show(align_lines({"a", "b"}, {"a", "b"})), "0:0 1:1 ");
}

TEST(AlignLines, AChangedLinePairsWithItsCounterpart) {
  EXPECT_EQ(show(align_lines({"a", "x", "c"}, {"a", "y", "c"})), "0:0 1:1! 2:2 ");
}

TEST(AlignLines, ExtraLinesStandAlone) {
  EXPECT_EQ(show(align_lines({"a", "c"}, {"a", "r1", "r2", "c"})), "0:0 -:1! -:2! 1:3 ");
  EXPECT_EQ(show(align_lines({"a", "b", "c"}, {"a"})), "0:0 1:-! 2:-! ");
}

TEST(AlignLines, EmptySides) {
  EXPECT_EQ(show(align_lines({}, {})), "");
  EXPECT_EQ(show(align_lines({"a"}, {})), "0:-! ");
}

}  // namespace
}  // namespace kvcheck::demo
