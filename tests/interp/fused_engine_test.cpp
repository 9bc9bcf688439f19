// FusedEngine against NumericInterpreter, the op-by-op reference: every catalog variant on
// configs drawn from a fixed seed (some long enough for several row and key blocks), step by
// step: the same finding in the same op, bit-identical caches, and outputs within tolerance.
#include "kvcheck/interp/fused_engine.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "fused_attention.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/threads.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::interp {
namespace {

using model::AttentionConfig;
using model::StepKind;

struct StepSpan {
  StepKind kind;
  std::int64_t pos, len;
};

std::vector<StepSpan> steps_of(const AttentionConfig& c) {
  std::vector<StepSpan> steps;
  const std::int64_t chunk = c.prefill_chunk.value_or(c.prompt_len);
  for (std::int64_t pos = 0; pos < c.prompt_len; pos += chunk) {
    steps.push_back({StepKind::kPrefill, pos, std::min(chunk, c.prompt_len - pos)});
  }
  for (std::int64_t d = 0; d < c.decode_steps; ++d) {
    steps.push_back({StepKind::kDecode, c.prompt_len + d, 1});
  }
  return steps;
}

sym::Assignment env_of(const AttentionConfig& c, const StepSpan& s) {
  sym::Assignment env = c.assignment();
  env.set(sym::symbols::pos(), s.pos);
  env.set(sym::symbols::chunk_len(), s.len);
  return env;
}

/// A config from `rng`: head counts and sizes as the property search draws them, and one in
/// four with a long prompt (up to 300 tokens, several 128-row blocks and key blocks).
AttentionConfig draw(std::mt19937_64& rng) {
  auto in = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  AttentionConfig c;
  c.n_kv_heads = in(1, 4);
  c.n_heads = c.n_kv_heads * in(1, 4);
  c.head_dim = in(1, 8);
  c.batch = in(1, 2);
  c.hidden = in(1, 8);
  const bool long_prompt = in(0, 3) == 0;
  c.prompt_len = long_prompt ? in(100, 300) : in(1, 6);
  c.decode_steps = in(0, 4);
  c.max_seq_len = c.prompt_len + c.decode_steps + in(0, 2);
  const std::int64_t chunk = in(0, c.prompt_len - 1);
  if (chunk > 0) c.prefill_chunk = long_prompt ? std::max<std::int64_t>(chunk, 40) : chunk;
  return c;
}

/// Relative tolerance of the fused attention against the two-pass softmax: the online
/// softmax sums in another order and rescales, a few ulps per key block.
template <class Scalar>
double tolerance() {
  return std::is_same_v<Scalar, double> ? 1e-12 : 2e-5;
}

struct Tally {
  int runs = 0, failures = 0, fused_steps = 0, steps = 0;
};

template <class Scalar>
void expect_agreement(const model::Variant& variant, const AttentionConfig& c, Tally& tally) {
  SCOPED_TRACE(variant.name + " heads " + std::to_string(c.n_heads) + "/" +
               std::to_string(c.n_kv_heads) + " head_dim " + std::to_string(c.head_dim) +
               " batch " + std::to_string(c.batch) + " prompt " + std::to_string(c.prompt_len) +
               " chunk " + std::to_string(c.prefill_chunk.value_or(0)) + " decode " +
               std::to_string(c.decode_steps) + " cache " + std::to_string(c.max_seq_len));
  const auto inputs = make_inputs<Scalar>(c, 7);
  const model::Program prefill =
      model::build_program(variant.impl, model::symbolic_step(StepKind::kPrefill));
  const model::Program decode =
      model::build_program(variant.impl, model::symbolic_step(StepKind::kDecode));
  NumericInterpreter<Scalar> reference(c, inputs);
  FusedEngine<Scalar> fused(c, inputs);
  ++tally.runs;

  const auto ref_setup = reference.setup(prefill, c.assignment());
  const auto fused_setup = fused.setup(prefill, c.assignment());
  ASSERT_EQ(ref_setup.has_value(), fused_setup.has_value());
  if (!ref_setup) {
    EXPECT_EQ(ref_setup.error().op_index, fused_setup.error().op_index);
    ++tally.failures;
    return;
  }
  for (const StepSpan& s : steps_of(c)) {
    const model::Program& program = s.kind == StepKind::kPrefill ? prefill : decode;
    // The reference on one thread (Eigen's parallel GEMM is slow on these thin products),
    // the engine on two, so its threaded kernels are the ones compared.
    set_numeric_threads(1);
    const auto want = reference.step(program, env_of(c, s));
    set_numeric_threads(2);
    const auto got = fused.step(program, env_of(c, s));
    set_numeric_threads(0);
    ASSERT_EQ(want.has_value(), got.has_value()) << "at pos " << s.pos;
    if (!want) {
      EXPECT_EQ(want.error().in_setup, got.error().in_setup);
      EXPECT_EQ(want.error().op_index, got.error().op_index);
      EXPECT_EQ(want.error().error.message, got.error().error.message);
      ++tally.failures;
      return;
    }
    ++tally.steps;
    if (fused.last_step_fused()) ++tally.fused_steps;
    const Tensor<Scalar>& y = want.value();
    const Tensor<Scalar>& z = *got.value();
    ASSERT_EQ(y.shape(), z.shape());
    const double scale = y.numel() == 0 ? 0.0 : static_cast<double>(y.data().cwiseAbs().maxCoeff());
    const double gap =
        y.numel() == 0 ? 0.0 : static_cast<double>((y.data() - z.data()).cwiseAbs().maxCoeff());
    EXPECT_LE(gap, tolerance<Scalar>() * std::max(1.0, scale)) << "at pos " << s.pos;
    for (const std::string& name : prefill.caches) {
      ASSERT_NE(fused.cache(name), nullptr);
      EXPECT_TRUE(*reference.cache(name) == *fused.cache(name)) << name << " at pos " << s.pos;
    }
  }
  EXPECT_EQ(reference.total_cache_elements(), fused.total_cache_elements());
}

template <class Scalar>
void run_catalog(int configs_per_variant) {
  for (const model::Variant& variant : model::variant_catalog()) {
    std::mt19937_64 rng(20261202);
    Tally tally;
    for (int i = 0; i < configs_per_variant; ++i)
      expect_agreement<Scalar>(variant, draw(rng), tally);
    // Every variant whose steps run must take the fused path: a change to build_program that
    // the matcher no longer recognises would otherwise only make kvcheck slower.
    EXPECT_GT(tally.steps, 0) << variant.name;
    EXPECT_EQ(tally.fused_steps, tally.steps) << variant.name;
  }
}

TEST(FusedEngine, AgreesWithTheInterpreterOnEveryVariantInDouble) {
  run_catalog<double>(60);
}

TEST(FusedEngine, AgreesWithTheInterpreterOnEveryVariantInFloat) {
  run_catalog<float>(20);
}

/// Attention of one batch row and one head over contiguous [1, n, 1, width] q, k and v.
fused::AttentionArgs<double> one_head(std::vector<double>& q, std::vector<double>& k,
                                      std::vector<double>& v, std::vector<double>& out,
                                      std::int64_t width, fused::Visibility visibility) {
  auto heads = [width](std::vector<double>& t) {
    const auto n = static_cast<std::int64_t>(t.size());
    return fused::StridedHeads<double>{t.data(), n, width, width, 1};
  };
  fused::AttentionArgs<double> a;
  a.q = heads(q);
  a.k = heads(k);
  a.v = heads(v);
  a.batch = 1;
  a.len = static_cast<std::int64_t>(q.size()) / width;
  a.keys = static_cast<std::int64_t>(k.size()) / width;
  a.head_dim = width;
  a.value_dim = width;
  a.visibility = visibility;
  a.out = out.data();
  return a;
}

// The kernel's own edge cases, which no catalog program reaches: a query that sees no key
// (PyTorch's softmax of all -inf is NaN) and a read of no keys (matmul over an empty dim).
TEST(FusedAttention, NoVisibleKeyGivesNaNAndNoKeysGiveZero) {
  std::vector<double> q(4, 1.0), k(4, 1.0), v(4, 2.0), out(4, -1.0);
  // Two queries and two keys of width 2; query 0 sees keys <= -2, query 1 keys <= -1.
  fused::AttentionArgs<double> a = one_head(q, k, v, out, 2, {true, -2, std::nullopt});
  fused::attention(a);
  for (double x : out) EXPECT_TRUE(std::isnan(x));

  a.keys = 0;
  fused::attention(a);
  for (double x : out) EXPECT_EQ(x, 0.0);
}

TEST(FusedAttention, PaddedMaskAdmitsTheSlotsPastTheWrittenPrefix) {
  // One query at position 0 over three keys of equal score: with the mask padded from key 2,
  // it sees keys 0 and 2, so the output averages their values.
  std::vector<double> q = {1.0}, k = {1.0, 1.0, 1.0}, v = {3.0, 100.0, 5.0}, out = {0.0};
  fused::attention(one_head(q, k, v, out, 1, {true, 0, 2}));
  EXPECT_DOUBLE_EQ(out[0], 4.0);
}

}  // namespace
}  // namespace kvcheck::interp
