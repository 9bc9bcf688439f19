// SyntaxTree: Python parsed with tree-sitter; nodes, fields, locations and syntax errors.
#include "kvcheck/scan/syntax_tree.hpp"

#include <gtest/gtest.h>

namespace kvcheck::scan {
namespace {

SyntaxTree parsed(const std::string& text) {
  auto t = SyntaxTree::parse(SourceFile{"attn.py", text});
  EXPECT_TRUE(t.has_value());
  return std::move(t).value();
}

TEST(SyntaxTree, AttentionCodeParsesIntoNamedNodes) {
  const SyntaxTree t = parsed(
      "class Attention(nn.Module):\n"
      "    def forward(self, x):\n"
      "        xk = self.wk(x).view(bsz, seqlen, self.n_kv_heads, self.head_dim)\n"
      "        return xk\n");
  EXPECT_FALSE(t.first_error().has_value());
  const Node module = t.root();
  EXPECT_EQ(module.kind(), "module");
  const Node cls = module.children().at(0);
  EXPECT_EQ(cls.kind(), "class_definition");
  EXPECT_EQ(cls.field("name").text(), "Attention");
  const Node body = cls.field("body");
  const Node forward = body.children().at(0);
  EXPECT_EQ(forward.field("name").text(), "forward");
  const Node assign = forward.field("body").children().at(0).children().at(0);
  EXPECT_EQ(assign.kind(), "assignment");
  EXPECT_EQ(assign.field("left").text(), "xk");
  const Node call = assign.field("right");
  EXPECT_EQ(call.kind(), "call");
  EXPECT_EQ(call.field("function").field("attribute").text(), "view");
  EXPECT_EQ(call.start(), (SourceLocation{3, 14}));
}

TEST(SyntaxTree, SyntaxErrorIsANoteAtItsPlace) {
  const SyntaxTree t = parsed("def f(x:\n    return x\n");
  auto e = t.first_error();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->path, "attn.py");
  EXPECT_EQ(e->line, 1);
  EXPECT_NE(e->message.find("syntax error"), std::string::npos);
}

TEST(SyntaxTree, MissingTokenIsNamed) {
  const SyntaxTree t = parsed("y = f(x\n");
  auto e = t.first_error();
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->line, 1);
}

TEST(SyntaxTree, DeepNestingStaysBounded) {
  // 5000 nested parentheses: tree-sitter's parse is iterative; the tree is only as deep as
  // the input, and walking it is the analyser's budget to keep.
  const std::string deep = "x = " + std::string(5000, '(') + "1" + std::string(5000, ')') + "\n";
  const SyntaxTree t = parsed(deep);
  EXPECT_FALSE(t.first_error().has_value());
  EXPECT_EQ(t.root().children().size(), 1u);
}

}  // namespace
}  // namespace kvcheck::scan
