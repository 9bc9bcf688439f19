// The scan's rules on small modules: each bug of the family where it breaks, and the
// look-alikes that are correct.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scan_test_support.hpp"

namespace kvcheck::scan {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

// A Meta-style layer whose cache heads, code before the write, repeat after the read and
// attention are given per test. Lines: the writes are 23-24 (after `before_write`), the
// repeat follows the reads, attention comes last.
std::string layer(const std::string& alloc_heads, const std::string& before_write,
                  const std::string& repeat, const std::string& attend = "") {
  std::string s =
      "import torch\n"
      "import torch.nn as nn\n"
      "import torch.nn.functional as F\n"
      "\n"
      "class Attention(nn.Module):\n"
      "    def __init__(self, args):\n"
      "        super().__init__()\n"
      "        self.n_heads = args.n_heads\n"
      "        self.n_kv_heads = args.n_kv_heads\n"
      "        self.n_rep = self.n_heads // self.n_kv_heads\n"
      "        self.head_dim = args.dim // args.n_heads\n"
      "        self.wq = nn.Linear(args.dim, self.n_heads * self.head_dim, bias=False)\n"
      "        self.wk = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
      "        self.wv = nn.Linear(args.dim, self.n_kv_heads * self.head_dim, bias=False)\n"
      "        self.cache_k = torch.zeros(args.max_batch_size, args.max_seq_len, ALLOC, self.head_dim)\n"
      "        self.cache_v = torch.zeros(args.max_batch_size, args.max_seq_len, ALLOC, self.head_dim)\n"
      "\n"
      "    def forward(self, x, start_pos, mask=None):\n"
      "        bsz, seqlen, _ = x.shape\n"
      "        q = self.wq(x).view(bsz, seqlen, self.n_heads, self.head_dim)\n"
      "        k = self.wk(x).view(bsz, seqlen, self.n_kv_heads, self.head_dim)\n"
      "        v = self.wv(x).view(bsz, seqlen, self.n_kv_heads, self.head_dim)\n"
      "BEFORE"
      "        self.cache_k[:bsz, start_pos : start_pos + seqlen] = k\n"
      "        self.cache_v[:bsz, start_pos : start_pos + seqlen] = v\n"
      "        keys = self.cache_k[:bsz, : start_pos + seqlen]\n"
      "        values = self.cache_v[:bsz, : start_pos + seqlen]\n"
      "REPEAT"
      "        q, keys, values = q.transpose(1, 2), keys.transpose(1, 2), values.transpose(1, 2)\n"
      "ATTEND";
  auto put = [&](const std::string& key, const std::string& value) {
    for (auto at = s.find(key); at != std::string::npos; at = s.find(key, at + value.size())) {
      s.replace(at, key.size(), value);
    }
  };
  put("ALLOC", alloc_heads);
  put("BEFORE", before_write);
  put("REPEAT", repeat);
  put("ATTEND", attend.empty() ? "        scores = torch.matmul(q, keys.transpose(2, 3))\n"
                                 "        return torch.matmul(F.softmax(scores, dim=-1), values)\n"
                               : attend);
  return s;
}

const std::string kInterleave =
    "        keys = keys.repeat_interleave(self.n_rep, dim=2)\n"
    "        values = values.repeat_interleave(self.n_rep, dim=2)\n";

class Rules : public testing::ScanTest {};

TEST_F(Rules, TheFixedOrderHasNoFindingAndIsTheFixedModel) {
  write("m.py", layer("self.n_kv_heads", "", kInterleave));
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  EXPECT_EQ(implementation(),
            "cache=n_kv_heads order=write-then-repeat repeat=interleave mask=written-prefix "
            "rope=absolute layout=BLHD attention=matmul");
}

TEST_F(Rules, ACacheOfQueryHeadsFailsTheWriteFromTwoKvHeadsOn) {
  write("m.py", layer("self.n_heads", "", kInterleave));
  EXPECT_THAT(rules_and_lines(), ElementsAre("shape-safety:23", "shape-safety:24"));
  const Finding& f = result_.findings.front();
  // A single kv head broadcasts into the n_heads slots: the write breaks from two on.
  EXPECT_EQ(f.condition, "n_kv_heads >= 2 and group >= 2");
  EXPECT_EQ(f.smallest, "n_kv_heads=2, group=2 (n_heads=4)");
  ASSERT_EQ(f.related.size(), 1u);
  EXPECT_EQ(f.related.front().where.at.line, 15);
  EXPECT_NE(f.replay.find("cache=n_heads"), std::string::npos);
}

TEST_F(Rules, RepeatingBeforeTheWriteIntoQueryHeadsWastesGroupTimesTheMemory) {
  write("m.py", layer("self.n_heads",
                      "        k = k.repeat_interleave(self.n_rep, dim=2)\n"
                      "        v = v.repeat_interleave(self.n_rep, dim=2)\n",
                      ""));
  EXPECT_THAT(rules_and_lines(), ElementsAre("cache-footprint:25", "cache-footprint:26"));
  const Finding& f = result_.findings.front();
  EXPECT_EQ(f.memory_factor, "group");
  EXPECT_EQ(f.condition, "group >= 2");
  EXPECT_EQ(f.related.front().where.at.line, 23);  // the repeat
  EXPECT_NE(implementation().find("order=repeat-then-write"), std::string::npos);
}

TEST_F(Rules, TilingReadsTheWrongKvHead) {
  write("m.py", layer("self.n_kv_heads", "",
                      "        keys = keys.repeat(1, 1, self.n_rep, 1)\n"
                      "        values = values.repeat(1, 1, self.n_rep, 1)\n"));
  EXPECT_THAT(rules_and_lines(), ElementsAre("head-mapping:27", "head-mapping:28"));
  EXPECT_EQ(result_.findings.front().condition, "n_kv_heads >= 2 and group >= 2");
}

TEST_F(Rules, ALastAxisRepeatThatAViewSplitsInterleaves) {
  // [b, s, kv, d] -> repeat(1, 1, 1, n_rep) -> view(b, s, kv * n_rep, d): element (kv, r, d)
  // comes from (kv, d), which is repeat_interleave.
  write("m.py", layer("self.n_kv_heads", "",
                      "        b, s, h, d = keys.shape\n"
                      "        keys = keys.repeat(1, 1, 1, self.n_rep).view(b, s, h * self.n_rep, d)\n"
                      "        values = values.repeat(1, 1, 1, self.n_rep).view(b, s, h * self.n_rep, d)\n"));
  EXPECT_THAT(rules_and_lines(), IsEmpty());
}

TEST_F(Rules, UnsqueezeExpandFlattenInterleaves) {
  write("m.py", layer("self.n_kv_heads", "",
                      "        keys = keys.unsqueeze(3).expand(-1, -1, -1, self.n_rep, -1).flatten(2, 3)\n"
                      "        values = values.unsqueeze(3).expand(-1, -1, -1, self.n_rep, -1).flatten(2, 3)\n"));
  EXPECT_THAT(rules_and_lines(), IsEmpty());
}

TEST_F(Rules, NoRepeatAtAllMeetsQueryHeadsWithKvHeads) {
  write("m.py", layer("self.n_kv_heads", "", ""));
  EXPECT_THAT(rules_and_lines(), ElementsAre("missing-repeat:28"));
  EXPECT_EQ(result_.findings.front().condition, "n_kv_heads >= 2 and group >= 2");
}

TEST_F(Rules, SdpaWithEnableGqaNeedsNoRepeat) {
  write("m.py", layer("self.n_kv_heads", "", "",
                      "        return F.scaled_dot_product_attention(q, keys, values, attn_mask=mask, enable_gqa=True)\n"));
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  EXPECT_NE(implementation().find("attention=sdpa-enable-gqa"), std::string::npos);
}

TEST_F(Rules, IsCausalWithACachedPrefixIsAlignedTopLeft) {
  write("m.py", layer("self.n_kv_heads", "", kInterleave,
                      "        return F.scaled_dot_product_attention(q, keys, values, is_causal=True)\n"));
  EXPECT_THAT(rules_and_lines(), ElementsAre("causal-mask-alignment:30"));
  EXPECT_EQ(result_.findings.front().condition, "pos >= 1");
}

TEST_F(Rules, AParameterNamedNHeadsThatReceivesTheKvCountIsNotFlagged) {
  // Head counts come from values, not names: the helper's n_heads is the kv count here.
  std::string s = layer("self.n_kv_heads", "", kInterleave);
  const std::string alloc = "torch.zeros(args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim)";
  for (auto at = s.find(alloc); at != std::string::npos; at = s.find(alloc)) {
    s.replace(at, alloc.size(), "make_cache(args.max_batch_size, args.max_seq_len, self.n_kv_heads, self.head_dim)");
  }
  write("m.py",
        "import torch\n"
        "def make_cache(batch, max_len, n_heads, head_dim):\n"
        "    return torch.zeros(batch, max_len, n_heads, head_dim)\n" +
            s);
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  EXPECT_NE(implementation().find("cache=n_kv_heads"), std::string::npos);
}

TEST_F(Rules, UnknownValuesNeverBecomeFindings) {
  // The keys come from a library call kvcheck does not model: nothing is claimed.
  std::string s = layer("self.n_heads", "", kInterleave);
  s.replace(s.find("k = self.wk(x)"), std::string("k = self.wk(x)").size(), "k = mystery.project(x)");
  write("m.py", "import mystery\n" + s);
  EXPECT_THAT(rules_and_lines(), ElementsAre("shape-safety:25"));  // only the value write
  bool gave_up = false;
  for (const SiteTrace& t : result_.sites) {
    for (const GaveUp& g : t.gave_up) gave_up = gave_up || g.reason.find("mystery.project") != std::string::npos;
  }
  EXPECT_TRUE(gave_up);
}

}  // namespace
}  // namespace kvcheck::scan
