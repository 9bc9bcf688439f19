// Escaping, one table per syntax.
#include "kvcheck/report/escape.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kvcheck::report {
namespace {

struct Case {
  std::string in;
  std::string out;
};

TEST(Escape, ValidUtf8KeepsWellFormedTextAndReplacesTheRest) {
  const std::string r = "\xEF\xBF\xBD";
  const std::vector<Case> cases{
      {"plain", "plain"},
      {"caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80", "caf\xC3\xA9 \xE2\x9C\x85 \xF0\x9F\x98\x80"},
      {"\xff", r},
      {"a\xC3", "a" + r},                   // truncated sequence
      {"\xC0\xAF", r + r},                  // overlong '/'
      {"\xED\xA0\x80", r + r + r},          // UTF-16 surrogate
      {"\xF4\x90\x80\x80", r + r + r + r},  // past U+10FFFF
  };
  for (const Case& c : cases) EXPECT_EQ(valid_utf8(c.in), c.out) << c.in;
}

TEST(Escape, Xml) {
  EXPECT_EQ(xml_escape("a<b>&\"c\"", false), "a&lt;b&gt;&amp;\"c\"");
  EXPECT_EQ(xml_escape("a<b>&\"c\"", true), "a&lt;b&gt;&amp;&quot;c&quot;");
  EXPECT_EQ(xml_escape("x\ty\nz\r", false), "x\ty\nz&#13;");
  EXPECT_EQ(xml_escape("x\ty\nz\r", true), "x&#9;y&#10;z&#13;");
  EXPECT_EQ(xml_escape("bell\a", false), "bell\xEF\xBF\xBD");
  EXPECT_EQ(xml_escape("\xEF\xBF\xBE", false), "\xEF\xBF\xBD");
}

TEST(Escape, Markdown) {
  EXPECT_EQ(markdown_text("n_kv_heads | *x* <b>"), "n\\_kv\\_heads \\| \\*x\\* \\<b\\>");
  EXPECT_EQ(markdown_text("two\nlines"), "two lines");
  EXPECT_EQ(markdown_code_span("kvcheck replay"), "`kvcheck replay`");
  EXPECT_EQ(markdown_code_span("a ` b"), "``a ` b``");
  EXPECT_EQ(markdown_code_span("`x``"), "``` `x`` ```");
}

TEST(Escape, WorkflowCommands) {
  EXPECT_EQ(workflow_data("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
  EXPECT_EQ(workflow_property("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
}

TEST(Escape, UriReferences) {
  EXPECT_EQ(uri_reference("configs/llama-3.1_8b~x.yaml"), "configs/llama-3.1_8b~x.yaml");
  EXPECT_EQ(uri_reference("my dir/a#b?.json"), "my%20dir/a%23b%3F.json");
  EXPECT_EQ(uri_reference("/abs/x y.json"), "file:///abs/x%20y.json");
  EXPECT_EQ(uri_reference("c:x"), "c%3Ax");  // never mistaken for a scheme
  EXPECT_EQ(uri_reference("caf\xC3\xA9"), "caf%C3%A9");
}

}  // namespace
}  // namespace kvcheck::report
