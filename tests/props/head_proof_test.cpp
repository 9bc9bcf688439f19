// Head proofs: which kv head each query head reads, for every head configuration.
#include "kvcheck/props/head_proof.hpp"

#include <gtest/gtest.h>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::props {
namespace {

const model::Implementation& impl_of(const std::string& variant) {
  return model::find_variant(variant)->impl;
}

TEST(HeadProof, InterleavedRepeatAndEnableGqaAreProved) {
  for (const char* v : {"fixed", "bhld-layout", "sdpa-enable-gqa", "repeat-then-cache"}) {
    const HeadVerdict h = prove_heads(impl_of(v));
    EXPECT_EQ(h.truth, sym::Truth::kProved) << v << ": " << h.reason;
  }
}

TEST(HeadProof, TilingIsRefutedWithTheHeadThatGoesWrong) {
  const HeadVerdict h = prove_heads(impl_of("tile-repeat"));
  ASSERT_EQ(h.truth, sym::Truth::kRefuted);
  EXPECT_EQ(h.obligation, "query head h reads key head h / group");
  EXPECT_EQ(h.op_name, "repeat");
  EXPECT_EQ(h.fails.text(), "n_kv_heads >= 2 and group >= 2");
  EXPECT_EQ(h.fails.smallest()->to_string(), "n_kv_heads=2, group=2 (n_heads=4)");
  EXPECT_EQ(h.where, "query head 1 reads kv head 1 instead of 0");
}

TEST(HeadProof, TilingIsHarmlessForMha) {
  EXPECT_EQ(prove_heads(impl_of("tile-repeat"), {{sym::symbols::group(), sym::Dim(1)}}).truth, sym::Truth::kProved);
}

TEST(HeadProof, MissingRepeatBroadcastsOnlyForMqa) {
  // Where matmul's broadcast is valid (n_kv_heads = 1 or group = 1) the heads are right;
  // elsewhere it reads h % n_kv_heads, which the shape rule also rejects.
  const HeadVerdict h = prove_heads(impl_of("no-repeat"));
  ASSERT_EQ(h.truth, sym::Truth::kRefuted);
  EXPECT_EQ(h.fails.text(), "n_kv_heads >= 2 and group >= 2");
}

TEST(HeadProof, AViewAcrossTheHeadBoundaryIsUnknownWithTheReason) {
  // xk.view(bsz, seqlen, head_dim, n_kv_heads): a reshape the index layer follows exactly,
  // after which no axis holds whole kv heads. Never a wrong PROVED.
  model::Program p = model::build_program(impl_of("fixed"),
                                          model::symbolic_step(model::StepKind::kPrefill));
  for (model::Op& op : p.step) {
    if (op.kind == model::OpKind::kView && op.result == "xk") std::swap(op.sizes[2], op.sizes[3]);
  }
  const HeadVerdict h = prove_heads(p);
  EXPECT_EQ(h.truth, sym::Truth::kUnknown);
  EXPECT_NE(h.reason.find("straddles"), std::string::npos) << h.reason;
}

TEST(HeadProof, AnOpWithoutIndexSemanticsIsUnknown) {
  model::Program p = model::build_program(impl_of("fixed"),
                                          model::symbolic_step(model::StepKind::kPrefill));
  for (model::Op& op : p.step) {
    if (op.kind == model::OpKind::kRepeatKv) op.dim0 = 9;
  }
  const HeadVerdict h = prove_heads(p);
  EXPECT_EQ(h.truth, sym::Truth::kUnknown);
  EXPECT_NE(h.reason.find("repeat_kv"), std::string::npos) << h.reason;
}

}  // namespace
}  // namespace kvcheck::props
