// Interpreter: sizes computed the way attention modules compute them, objects, calls and
// branches.
#include "kvcheck/scan/interpreter.hpp"

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
    "        self.cache_k = torch.zeros((args.max_batch_size, args.max_seq_len, self.n_local_heads, self.head_dim))\n"
    "        self.cache_v = torch.empty(args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim)\n"
    "        self.wk = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
    "        self.slots = self.cache_k.shape[1]\n"
    "        self.kv = self.cache_v.size(-2)\n"
    "        self.bad = torch.zeros(args.vocab_size)\n"
    "\n"
    "def repeat_kv(x, n_rep):\n"
    "    if n_rep == 1:\n"
    "        return x\n"
    "    b, s, h, d = x.shape\n"
    "    return x[:, :, :, None, :].expand(b, s, h, n_rep, d).reshape(b, s, h * n_rep, d)\n"
    "\n"
    "def fact(n):\n"
    "    return fact(n - 1)\n"
    "\n"
    "class HfAttention(nn.Module):\n"
    "    def __init__(self, config, layer_idx=None):\n"
    "        self.num_heads = config.num_attention_heads\n"
    "        self.head_dim = getattr(config, 'head_dim', config.hidden_size // self.num_heads)\n"
    "        self.num_key_value_groups = self.num_heads // config.num_key_value_heads\n"
    "        self.layer = layer_idx\n";

class InterpreterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto t = SyntaxTree::parse(SourceFile{"attention.py", kModule});
    ASSERT_TRUE(t.has_value());
    module_ = &ws_.add(std::move(t).value());
    in_.load(*module_);
  }
  /// The value of self.<attr> once `cls` is constructed with a config object.
  std::string attr(const char* cls, const char* name) {
    const Value* c = in_.global(*module_, cls);
    const auto* k = c ? std::get_if<ClassValue>(&c->v) : nullptr;
    if (!k) return "no class";
    CallArgs args;
    args.keywords.emplace_back(std::string(cls) == "Attention" ? "args" : "config", Value{ConfigValue{"config"}});
    const Value object = in_.construct(*k->cls, module_, args);
    const auto* o = std::get_if<ObjectValue>(&object.v);
    if (!o) return "not an object";
    auto it = o->object->attributes.find(name);
    return it == o->object->attributes.end() ? "unset" : it->second.to_string();
  }
  /// The value `fn` returns for the given positional arguments.
  Value call(const char* fn, std::vector<Value> args) {
    const Value* f = in_.global(*module_, fn);
    CallArgs a;
    a.positional = std::move(args);
    Env env;
    env.module = module_;
    return in_.call(*f, a, env);
  }
  Workspace ws_;
  Module* module_ = nullptr;
  Interpreter in_{ws_};
};

TEST_F(InterpreterTest, ConfigAttributesSeedTheHeadCounts) {
  EXPECT_EQ(attr("Attention", "n_local_heads"), "n_heads");
  // The config gives n_kv_heads; its default n_heads is the group = 1 case of it.
  EXPECT_EQ(attr("Attention", "n_kv_heads"), "n_kv_heads");
  EXPECT_EQ(attr("Attention", "n_local_kv_heads"), "n_kv_heads");
}

TEST_F(InterpreterTest, DivisionsThatAreExactGiveTheGroupAndHeadDim) {
  EXPECT_EQ(attr("Attention", "n_rep"), "group");
  EXPECT_EQ(attr("Attention", "head_dim"), "head_dim");
  EXPECT_EQ(attr("Attention", "width"), "n_heads*head_dim");
}

TEST_F(InterpreterTest, TuplesUnpackAndModuleConstantsFold) {
  EXPECT_EQ(attr("Attention", "cache_len"), "max_seq_len");
  EXPECT_EQ(attr("Attention", "spare"), "0");
}

TEST_F(InterpreterTest, WhatIsNotKnownSaysWhy) {
  EXPECT_EQ(attr("Attention", "odd"),
            "unknown (n_heads*head_dim // 3 is not exact for every configuration)");
  EXPECT_EQ(attr("Attention", "guess"), "unknown (the conditional is n_heads or n_kv_heads)");
  EXPECT_EQ(attr("Attention", "bad"), "unknown (torch.zeros: sizes that are not all known)");
}

TEST_F(InterpreterTest, HuggingFaceNamesSeedTheSameSymbols) {
  EXPECT_EQ(attr("HfAttention", "num_heads"), "n_heads");
  EXPECT_EQ(attr("HfAttention", "num_key_value_groups"), "group");
  // getattr with a default: the config's head_dim when it has one.
  EXPECT_EQ(attr("HfAttention", "head_dim"), "head_dim");
  EXPECT_EQ(attr("HfAttention", "layer"), "None");
}

TEST_F(InterpreterTest, AllocationsAndProjectionsKeepTheirSizes) {
  // The n_heads-sized cache of the first bug, and its kv-sized twin.
  EXPECT_EQ(attr("Attention", "cache_k"), "tensor [batch, max_seq_len, n_heads, head_dim]");
  EXPECT_EQ(attr("Attention", "cache_v"), "tensor [batch, max_seq_len, n_kv_heads, head_dim]");
  EXPECT_EQ(attr("Attention", "wk"), "Linear(n_heads*head_dim -> n_kv_heads*head_dim)");
  EXPECT_EQ(attr("Attention", "slots"), "max_seq_len");
  EXPECT_EQ(attr("Attention", "kv"), "n_kv_heads");
}

TEST_F(InterpreterTest, AnEarlyReturnForGroupOneIsASpecialCaseOfTheRepeat) {
  TensorValue k;
  k.shape = {sym::Dim::var("batch"), sym::Dim::var("chunk_len"), sym::Dim(sym::symbols::n_kv_heads()),
             sym::Dim(sym::symbols::head_dim())};
  const Value r = call("repeat_kv", {Value{k}, Value::integer(sym::Dim(sym::symbols::group()))});
  // `if n_rep == 1: return x` returns what the general path returns when group = 1.
  EXPECT_EQ(r.to_string(), "tensor [batch, chunk_len, n_heads, head_dim]");
}

TEST_F(InterpreterTest, RecursionIsUnknownNotALoop) {
  const Value r = call("fact", {Value::integer(sym::Dim(3))});
  ASSERT_TRUE(r.is_unknown());
  EXPECT_EQ(r.as_unknown()->reason, "recursive call of fact");
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
