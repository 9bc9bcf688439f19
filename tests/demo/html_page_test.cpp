// demo_html: self-contained, escaped, one SVG element per head, and written atomically.
#include "kvcheck/demo/html_page.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "demo_test_support.hpp"
#include "kvcheck/base/input_error.hpp"

namespace kvcheck::demo {
namespace {

/// Verdicts are slow enough to share, and the page must not depend on them for anything else.
const check::VerifyRun& verdicts() {
  static const check::VerifyRun run = demo_verdicts(testing::walkthrough(), 5);
  return run;
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(DemoHtml, HasAnElementPerHeadInBothMaps) {
  const std::string page = demo_html(testing::walkthrough(), verdicts());
  for (int h = 0; h < 4; ++h) {
    EXPECT_EQ(count(page, "id=\"q-head-" + std::to_string(h) + "\""), 1u) << h;
    EXPECT_EQ(count(page, "id=\"tile-q-head-" + std::to_string(h) + "\""), 1u) << h;
  }
  for (int kv = 0; kv < 2; ++kv) {
    EXPECT_EQ(count(page, "id=\"kv-head-" + std::to_string(kv) + "\""), 1u) << kv;
  }
  EXPECT_EQ(count(page, "id=\"q-head-4\""), 0u);
}

TEST(DemoHtml, IsSelfContained) {
  const std::string page = demo_html(testing::walkthrough(), verdicts());
  EXPECT_EQ(page.rfind("<!DOCTYPE html>", 0), 0u);
  EXPECT_NE(page.find("Content-Security-Policy"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("http://"), std::string::npos);
  EXPECT_EQ(page.find("https://"), std::string::npos);
  EXPECT_EQ(page.find("@import"), std::string::npos);
  EXPECT_EQ(page.find("url("), std::string::npos);
}

TEST(DemoHtml, HighlightsTheBreakingOpAndShowsTheVerdicts) {
  const std::string page = demo_html(testing::walkthrough(), verdicts());
  EXPECT_EQ(count(page, "class=\"op ran fails\""), 1u);
  EXPECT_NE(page.find("n_kv_heads=1, group=2 (n_heads=2)"), std::string::npos);
  EXPECT_NE(page.find("<table class=\"verdicts\">"), std::string::npos);
  EXPECT_NE(page.find(">FAILS<"), std::string::npos);
}

TEST(DemoHtml, EscapesEverythingFromTheUser) {
  Walkthrough w = testing::walkthrough();
  w.setup.config.name = "<script>alert(1)</script> & \"co\"";
  w.setup.notes.push_back("<img src=x onerror=alert(2)>");
  const std::string page = demo_html(w, verdicts());
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_EQ(page.find("<img"), std::string::npos);
  EXPECT_NE(page.find("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"),
            std::string::npos);
}

TEST(DemoHtml, WritesAtomicallyAndNamesTheFlagOnFailure) {
  const auto dir = std::filesystem::temp_directory_path() / "kvcheck-demo-html-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "page.html").string();
  write_demo_html(path, "<!DOCTYPE html>\n");
  EXPECT_TRUE(std::filesystem::exists(path));
  try {
    write_demo_html((dir / "missing" / "page.html").string(), "x");
    FAIL() << "wrote into a missing folder";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), "--html");
    EXPECT_EQ(std::string(e.what()).find("--output"), std::string::npos) << e.what();
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kvcheck::demo
