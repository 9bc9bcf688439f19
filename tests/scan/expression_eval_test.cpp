// ExpressionEvaluator: sizes computed the way attention modules compute them.
#include "kvcheck/scan/expression_eval.hpp"

#include <gtest/gtest.h>

#include "kvcheck/scan/config_names.hpp"

namespace kvcheck::scan {
namespace {

// Written to resemble the shape of Meta-llama and Hugging Face attention constructors.
const char* kModule =
    "import torch\n"
    "from torch import nn\n"
    "DEFAULT_KV = 8\n"
    "\n"
    "class Attention(nn.Module):\n"
    "    def __init__(self, args):\n"
    "        super().__init__()\n"
    "        self.n_kv_heads = args.n_heads if args.n_kv_heads is None else args.n_kv_heads\n"
    "        self.n_local_heads = args.n_heads\n"
    "        self.n_local_kv_heads = self.n_kv_heads\n"
    "        self.n_rep = self.n_local_heads // self.n_local_kv_heads\n"
    "        self.head_dim = args.dim // args.n_heads\n"
    "        self.cache_len, self.spare = args.max_seq_len, 2 * DEFAULT_KV - 16\n"
    "        self.width = self.n_rep * self.n_local_kv_heads * self.head_dim\n"
    "        self.odd = args.dim // 3\n"
    "        self.guess = args.n_heads if args.flag else args.n_kv_heads\n"
    "        self.loop = self.loop + 1\n"
    "        self.cache_k = torch.zeros((args.max_batch_size, args.max_seq_len, self.n_local_heads, self.head_dim))\n"
    "        self.cache_v = torch.empty(args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim)\n"
    "        self.wk = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
    "        self.slots = self.cache_k.shape[1]\n"
    "        self.kv = self.cache_v.size(-2)\n"
    "        self.bad = torch.zeros(args.vocab_size)\n"
    "\n"
    "class HfAttention(nn.Module):\n"
    "    def __init__(self, config, layer_idx=None, num_heads=None):\n"
    "        self.num_heads = config.num_attention_heads\n"
    "        self.head_dim = getattr(config, 'head_dim', config.hidden_size // self.num_heads)\n"
    "        self.num_key_value_groups = self.num_heads // config.num_key_value_heads\n"
    "        self.layer = layer_idx\n";

class ExpressionEval : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = SyntaxTree::parse(SourceFile{"attention.py", kModule});
    ASSERT_TRUE(t.has_value());
    tree_ = std::make_unique<SyntaxTree>(std::move(t).value());
    module_ = bind_module(*tree_);
  }
  /// The value of self.<attr> in class `cls`, as its __init__ computes it.
  std::string attr(const char* cls, const char* name) {
    const Scope* init = module_->child(cls)->child("__init__");
    Frame f = ExpressionEvaluator::frame_of(*init);
    const Binding& b = init->parent()->instance_attributes().at(name).front();
    ExpressionEvaluator eval;
    Value v = eval.evaluate(b.node, f);
    if (b.unpack >= 0) {
      const auto* t = std::get_if<TupleValue>(&v.v);
      if (t) v = t->items.at(static_cast<std::size_t>(b.unpack));
    }
    return v.to_string();
  }
  std::unique_ptr<SyntaxTree> tree_;
  std::unique_ptr<Scope> module_;
};

TEST_F(ExpressionEval, ConfigAttributesSeedTheHeadCounts) {
  EXPECT_EQ(attr("Attention", "n_local_heads"), "n_heads");
  // The config gives n_kv_heads; its default n_heads is the group = 1 case of it.
  EXPECT_EQ(attr("Attention", "n_kv_heads"), "n_kv_heads");
  EXPECT_EQ(attr("Attention", "n_local_kv_heads"), "n_kv_heads");
}

TEST_F(ExpressionEval, DivisionsThatAreExactGiveTheGroupAndHeadDim) {
  EXPECT_EQ(attr("Attention", "n_rep"), "group");
  EXPECT_EQ(attr("Attention", "head_dim"), "head_dim");
  EXPECT_EQ(attr("Attention", "width"), "n_heads*head_dim");
}

TEST_F(ExpressionEval, TuplesUnpackAndModuleConstantsFold) {
  EXPECT_EQ(attr("Attention", "cache_len"), "max_seq_len");
  EXPECT_EQ(attr("Attention", "spare"), "0");
}

TEST_F(ExpressionEval, WhatIsNotKnownSaysWhy) {
  EXPECT_EQ(attr("Attention", "odd"),
            "unknown (n_heads*head_dim // 3 is not exact for every configuration)");
  EXPECT_EQ(attr("Attention", "guess"), "unknown (the conditional is n_heads or n_kv_heads)");
  EXPECT_EQ(attr("Attention", "loop"), "unknown ('loop' is defined in terms of itself)");
}

TEST_F(ExpressionEval, HuggingFaceNamesSeedTheSameSymbols) {
  EXPECT_EQ(attr("HfAttention", "num_heads"), "n_heads");
  EXPECT_EQ(attr("HfAttention", "num_key_value_groups"), "group");
  EXPECT_EQ(attr("HfAttention", "head_dim"),
            "unknown (call getattr(...) is not a size kvcheck models)");
  EXPECT_EQ(attr("HfAttention", "layer"), "unknown (parameter 'layer_idx' is only known at its call site)");
}

TEST_F(ExpressionEval, AllocationsAndProjectionsKeepTheirSizes) {
  // The n_heads-sized cache of the first bug, and its kv-sized twin.
  EXPECT_EQ(attr("Attention", "cache_k"), "tensor [batch, max_seq_len, n_heads, head_dim]");
  EXPECT_EQ(attr("Attention", "cache_v"), "tensor [batch, max_seq_len, n_kv_heads, head_dim]");
  EXPECT_EQ(attr("Attention", "wk"), "Linear(n_heads*head_dim -> n_kv_heads*head_dim)");
  EXPECT_EQ(attr("Attention", "slots"), "max_seq_len");
  EXPECT_EQ(attr("Attention", "kv"), "n_kv_heads");
  EXPECT_EQ(attr("Attention", "bad"), "unknown (a size of torch.zeros(...) is not known)");
}

TEST(ConfigNames, EveryRowSeedsASymbol) {
  for (const ConfigName& row : config_name_table()) {
    for (const std::string& name : row.names) {
      EXPECT_TRUE(config_size(name).has_value()) << name;
    }
  }
  EXPECT_EQ(config_size("num_key_value_heads")->to_string(), "n_kv_heads");
  EXPECT_EQ(config_size("hidden_size")->to_string(), "n_heads*head_dim");
  EXPECT_FALSE(config_size("vocab_size").has_value());
}

}  // namespace
}  // namespace kvcheck::scan
