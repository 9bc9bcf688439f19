// Golden files of the terminal demo: the default walkthrough and multi-query attention with
// a tiled repeat, without colour at 100 columns. Regenerate with KVCHECK_UPDATE_GOLDENS=1.
#include <gtest/gtest.h>

#include <sstream>

#include "demo_test_support.hpp"
#include "kvcheck/demo/text_layout.hpp"

namespace kvcheck::demo {
namespace {

using testing::matches_golden;
using testing::plain_text;
using testing::walkthrough;

TEST(DemoGolden, DefaultWalkthrough) {
  EXPECT_TRUE(matches_golden("default.txt", plain_text(walkthrough())));
}

TEST(DemoGolden, MultiQueryWithTiledRepeat) {
  DemoOptions options;
  options.n_heads = 8;
  options.n_kv_heads = 1;
  EXPECT_TRUE(
      matches_golden("mqa-tile-repeat.txt", plain_text(walkthrough(options, "tile-repeat"))));
}

TEST(DemoGolden, AsciiOutputHasOnlyAsciiCharacters) {
  const std::string text = plain_text(walkthrough(), 80, true);
  for (unsigned char c : text) ASSERT_LT(c, 0x80) << "non-ASCII byte in --ascii output";
}

TEST(DemoGolden, EveryLineFitsTheWidth) {
  for (std::size_t width : {60u, 100u, 140u}) {
    std::istringstream lines(plain_text(walkthrough(), width));
    std::string line;
    while (std::getline(lines, line)) {
      EXPECT_LE(display_width(line), width) << "at width " << width << ": " << line;
    }
  }
}

}  // namespace
}  // namespace kvcheck::demo
