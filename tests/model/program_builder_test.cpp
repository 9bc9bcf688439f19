// The program builder: the ops of one step, in order, and where each implementation choice
// changes them.
#include "kvcheck/model/program.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::model {
namespace {

std::vector<std::string> pseudo_of(const std::vector<Op>& ops) {
  std::vector<std::string> out;
  for (const Op& op : ops) out.push_back(op.pseudo);
  return out;
}

const Implementation& impl_of(const std::string& name) { return find_variant(name)->impl; }

TEST(BuildProgram, FixedPrefillIsTheCorrectOrder) {
  const Program p = build_program(impl_of("fixed"), symbolic_step(StepKind::kPrefill));
  EXPECT_EQ(pseudo_of(p.setup),
            (std::vector<std::string>{
                "self.cache_k = torch.zeros(max_batch_size, max_seq_len, n_kv_heads, head_dim)",
                "self.cache_v = torch.zeros(max_batch_size, max_seq_len, n_kv_heads, head_dim)"}));
  EXPECT_EQ(pseudo_of(p.step),
            (std::vector<std::string>{
                "x = hidden_states[:, pos : pos + seqlen]",
                "xq = self.wq(x)",
                "xk = self.wk(x)",
                "xv = self.wv(x)",
                "xq = xq.view(bsz, seqlen, n_heads, head_dim)",
                "xk = xk.view(bsz, seqlen, n_kv_heads, head_dim)",
                "xv = xv.view(bsz, seqlen, n_kv_heads, head_dim)",
                "xq = apply_rotary_emb(xq, freqs_cis[pos : pos + seqlen])",
                "xk = apply_rotary_emb(xk, freqs_cis[pos : pos + seqlen])",
                "self.cache_k[:bsz, pos : pos + seqlen] = xk",
                "self.cache_v[:bsz, pos : pos + seqlen] = xv",
                "keys = self.cache_k[:bsz, : pos + seqlen]",
                "values = self.cache_v[:bsz, : pos + seqlen]",
                "keys = repeat_kv(keys, n_rep)",
                "values = repeat_kv(values, n_rep)",
                "xq = xq.transpose(1, 2)  # [bsz, n_heads, seqlen, head_dim]",
                "keys = keys.transpose(1, 2)",
                "values = values.transpose(1, 2)",
                "keys_t = keys.transpose(2, 3)",
                "scores = torch.matmul(xq, keys_t)",
                "scores = scores / math.sqrt(head_dim)",
                "scores = scores.masked_fill(mask[:, : pos + seqlen], float('-inf'))",
                "scores = F.softmax(scores.float(), dim=-1)",
                "attn = torch.matmul(scores, values)  # [bsz, n_heads, seqlen, head_dim]",
                "output = attn.transpose(1, 2)",
                "output = output.contiguous().view(bsz, seqlen, -1)",
                "y = self.wo(output)"}));
  EXPECT_EQ(p.caches, (std::vector<std::string>{"cache_k", "cache_v"}));
  EXPECT_EQ(p.output, "y");
}

TEST(BuildProgram, EveryOpReadsOnlyValuesDefinedBeforeIt) {
  for (const Variant& v : variant_catalog()) {
    for (StepKind kind : {StepKind::kPrefill, StepKind::kDecode}) {
      const Program p = build_program(v.impl, symbolic_step(kind));
      std::vector<std::string> defined;
      for (const Op& op : p.setup) defined.push_back(op.result);
      for (const Op& op : p.step) {
        for (const std::string& arg : op.args) {
          EXPECT_NE(std::find(defined.begin(), defined.end(), arg), defined.end())
              << v.name << ": " << op.pseudo << " reads " << arg;
        }
        defined.push_back(op.result);
      }
      EXPECT_EQ(p.step.back().result, p.output) << v.name;
    }
  }
}

/// Counts the ops of `kind` in a variant's prefill program.
long count(const std::string& variant, OpKind kind, StepKind step = StepKind::kPrefill) {
  const Program p = build_program(impl_of(variant), symbolic_step(step));
  return std::count_if(p.step.begin(), p.step.end(), [&](const Op& op) { return op.kind == kind; });
}

TEST(BuildProgram, ChoicesChangeExactlyTheirOps) {
  EXPECT_EQ(count("fixed", OpKind::kRepeatKv), 2);
  EXPECT_EQ(count("double-repeat", OpKind::kRepeatKv), 4);
  EXPECT_EQ(count("no-repeat", OpKind::kRepeatKv), 0);
  EXPECT_EQ(count("sdpa-enable-gqa", OpKind::kSdpa), 1);
  EXPECT_EQ(count("sdpa-enable-gqa", OpKind::kMatmul), 0);
  // Decode without masking unwritten slots reads the whole buffer and drops the mask.
  EXPECT_EQ(count("unmasked-cache-tail", OpKind::kCausalMask, StepKind::kDecode), 0);
  EXPECT_EQ(count("unmasked-cache-tail", OpKind::kCausalMask, StepKind::kPrefill), 1);
  const Program tile = build_program(impl_of("tile-repeat"), symbolic_step(StepKind::kPrefill));
  const auto repeat = std::find_if(tile.step.begin(), tile.step.end(),
                                   [](const Op& op) { return op.kind == OpKind::kRepeatKv; });
  ASSERT_NE(repeat, tile.step.end());
  EXPECT_EQ(repeat->torch_op, "repeat");
  const Program heads = build_program(impl_of("cache-sized-by-n_heads"), symbolic_step(StepKind::kPrefill));
  EXPECT_EQ(heads.setup.front().sizes.at(2), sym::Dim::n_heads());
}

TEST(BuildProgram, RopeStartFollowsTheRopeChoice) {
  const StepDims dims = symbolic_step(StepKind::kDecode);
  for (const auto& [name, start] :
       {std::pair{"fixed", dims.pos}, std::pair{"rope-position-reset", sym::Dim(0)}}) {
    const Program p = build_program(impl_of(name), dims);
    for (const Op& op : p.step) {
      if (op.kind == OpKind::kRope) {
        EXPECT_EQ(op.start, start) << name;
      }
    }
  }
}

}  // namespace
}  // namespace kvcheck::model
