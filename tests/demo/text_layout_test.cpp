// Text layout: widths count code points, wrapping keeps words, columns pad by display width.
#include "kvcheck/demo/text_layout.hpp"

#include <gtest/gtest.h>

namespace kvcheck::demo {
namespace {

TEST(TextLayout, DisplayWidthCountsCodePoints) {
  EXPECT_EQ(display_width(""), 0u);
  EXPECT_EQ(display_width("abc"), 3u);
  EXPECT_EQ(display_width("■ · │"), 5u);
  EXPECT_EQ(display_width("→ ≠ ✗"), 5u);
}

TEST(TextLayout, WrapBreaksAtSpacesAndIndentsContinuations) {
  EXPECT_EQ(wrap("one two three", 7, 2), (std::vector<std::string>{"one two", "  three"}));
  EXPECT_EQ(wrap("short", 10), (std::vector<std::string>{"short"}));
  EXPECT_EQ(wrap("", 10), (std::vector<std::string>{""}));
}

TEST(TextLayout, WrapCutsAWordLongerThanALine) {
  EXPECT_EQ(wrap("abcdefgh", 3), (std::vector<std::string>{"abc", "def", "gh"}));
  EXPECT_EQ(wrap("■■■■", 2), (std::vector<std::string>{"■■", "■■"}));
}

TEST(TextLayout, WrappedKeepsTheLeadOnTheFirstLineOnly) {
  const Cell cell = wrapped("  x ", "aa bb cc", 9);
  ASSERT_EQ(cell.size(), 2u);
  EXPECT_EQ(cell[0].text, "  x aa bb");
  EXPECT_EQ(cell[1].text, "      cc");
}

TEST(TextLayout, SideBySidePadsByDisplayWidth) {
  const std::string out =
      side_by_side({{"■ a"}, {"b"}}, {{"c"}}, 4, unicode_glyphs(), report::Style{false});
  EXPECT_EQ(out, "■ a  │ c\nb    │\n");
}

TEST(TextLayout, HeadingFillsTheWidth) {
  EXPECT_EQ(heading("t", 8, ascii_glyphs(), report::Style{false}), "== t ===\n");
}

TEST(TextLayout, ColourWrapsPaddedText) {
  const std::string out =
      side_by_side({{"a", report::Tone::kBad}}, {}, 3, ascii_glyphs(), report::Style{true});
  EXPECT_NE(out.find("\x1b["), std::string::npos);
  EXPECT_NE(out.find("a  "), std::string::npos);
}

}  // namespace
}  // namespace kvcheck::demo
