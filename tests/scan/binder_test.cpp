// Binder: scopes and bindings of attention modules, resolved by Python's rules.
#include "kvcheck/scan/binder.hpp"

#include <gtest/gtest.h>

namespace kvcheck::scan {
namespace {

const char* kLlamaStyle =
    "import math\n"
    "import torch.nn.functional as F\n"
    "from torch import nn\n"
    "from .cache import KVCache as Cache, repeat_kv\n"
    "from .utils import *\n"
    "\n"
    "N_REP = 4\n"
    "\n"
    "class Attention(nn.Module):\n"
    "    scale = 1.0\n"
    "\n"
    "    def __init__(self, args, n_kv_heads=None, *, bias=False):\n"
    "        super().__init__()\n"
    "        self.n_kv_heads = args.n_heads if n_kv_heads is None else n_kv_heads\n"
    "        self.head_dim, self.n_rep = args.dim // args.n_heads, N_REP\n"
    "        if bias:\n"
    "            self.cache_k = torch.zeros(1, 2)\n"
    "\n"
    "    @torch.no_grad()\n"
    "    def forward(self, x, start_pos):\n"
    "        bsz, seqlen, _ = x.shape\n"
    "        for i in range(seqlen):\n"
    "            pass\n"
    "        def helper(t):\n"
    "            return t * self.scale + N_REP\n"
    "        return helper(x)\n";

struct Bound {
  SyntaxTree tree;
  std::unique_ptr<Scope> module;
};

Bound bound(const char* text) {
  auto t = SyntaxTree::parse(SourceFile{"model/attention.py", text});
  EXPECT_TRUE(t.has_value());
  SyntaxTree tree = std::move(t).value();
  auto module = bind_module(tree);
  return {std::move(tree), std::move(module)};
}

TEST(Binder, ImportsRecordWhatTheyBind) {
  const Bound b = bound(kLlamaStyle);
  const auto& names = b.module->names();
  EXPECT_EQ(names.at("math").front().target, "math");
  EXPECT_EQ(names.at("F").front().target, "torch.nn.functional");
  EXPECT_EQ(names.at("nn").front().target, "torch.nn");
  EXPECT_EQ(names.at("Cache").front().target, ".cache.KVCache");
  EXPECT_EQ(names.at("repeat_kv").front().target, ".cache.repeat_kv");
  EXPECT_EQ(b.module->star_imports(), std::vector<std::string>{".utils"});
  EXPECT_EQ(names.at("N_REP").front().node.text(), "4");
  EXPECT_EQ(names.at("Attention").front().kind, BindingKind::kClass);
}

TEST(Binder, MethodsParametersAndSelfAttributes) {
  const Bound b = bound(kLlamaStyle);
  const Scope* cls = b.module->child("Attention");
  ASSERT_NE(cls, nullptr);
  EXPECT_EQ(cls->kind(), Scope::Kind::kClass);
  EXPECT_TRUE(cls->names().count("scale"));
  const Scope* init = cls->child("__init__");
  ASSERT_NE(init, nullptr);
  ASSERT_EQ(init->parameters().size(), 4u);
  EXPECT_EQ(init->parameters()[1].name, "args");
  EXPECT_EQ(init->parameters()[2].name, "n_kv_heads");
  EXPECT_EQ(init->parameters()[2].default_value.text(), "None");
  EXPECT_EQ(init->parameters()[2].position, 2);
  EXPECT_EQ(init->parameters()[3].name, "bias");  // keyword-only, after the bare *
  EXPECT_EQ(init->parameters()[3].position, -1);
  const auto& attrs = cls->instance_attributes();
  EXPECT_EQ(attrs.at("n_kv_heads").front().node.text(), "args.n_heads if n_kv_heads is None else n_kv_heads");
  // A tuple assignment binds each attribute to its own element.
  EXPECT_EQ(attrs.at("head_dim").front().node.text(), "args.dim // args.n_heads");
  EXPECT_EQ(attrs.at("n_rep").front().node.text(), "N_REP");
  EXPECT_EQ(attrs.at("cache_k").front().node.text(), "torch.zeros(1, 2)");  // inside an if
  EXPECT_NE(cls->child("forward"), nullptr);  // decorated
}

TEST(Binder, LookupFollowsPythonScoping) {
  const Bound b = bound(kLlamaStyle);
  const Scope* forward = b.module->child("Attention")->child("forward");
  const Scope* helper = forward->child("helper");
  ASSERT_NE(helper, nullptr);
  // Locals, then enclosing functions, then the module; never the class body.
  EXPECT_EQ(helper->lookup("t")->front().kind, BindingKind::kParameter);
  EXPECT_EQ(helper->lookup("seqlen")->front().kind, BindingKind::kVariable);
  EXPECT_EQ(helper->lookup("N_REP")->front().node.text(), "4");
  EXPECT_EQ(helper->lookup("scale"), nullptr);
  EXPECT_EQ(forward->lookup("i")->front().kind, BindingKind::kVariable);  // the for target
  EXPECT_EQ(forward->lookup("len"), nullptr);                            // a builtin
}

TEST(Binder, ChainedAndRepeatedAssignmentsKeepEveryBinding) {
  const Bound b = bound("a = b = 3\na = 4\n");
  EXPECT_EQ(b.module->names().at("a").size(), 2u);
  EXPECT_EQ(b.module->names().at("b").front().node.text(), "3");
}

TEST(Binder, DeepNestingStopsAtTheDepthLimit) {
  std::string text;
  for (int d = 0; d < kMaxScopeDepth + 10; ++d) {
    text += std::string(static_cast<std::size_t>(d), ' ') + "def f" + std::to_string(d) + "():\n";
  }
  text += std::string(static_cast<std::size_t>(kMaxScopeDepth + 10), ' ') + "pass\n";
  const Bound b = bound(text.c_str());
  ASSERT_FALSE(b.tree.first_error().has_value());
  int depth = 0;
  for (const Scope* s = b.module.get(); !s->children().empty(); s = s->children().front().get()) ++depth;
  EXPECT_EQ(depth, kMaxScopeDepth);
}

}  // namespace
}  // namespace kvcheck::scan
