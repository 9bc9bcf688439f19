// NumericInterpreter: catalog variants run step by step through the cache, compared with
// the independent reference forward; shape failures; cache contents; the observer hook.
#include "kvcheck/interp/numeric_interpreter.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <optional>

#include "kvcheck/interp/reference.hpp"
#include "kvcheck/interp/rope.hpp"
#include "kvcheck/interp/shape_interpreter.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::interp {
namespace {

using model::AttentionConfig;
using model::Implementation;
using model::StepKind;

AttentionConfig make_config(std::int64_t heads, std::int64_t kv_heads, std::int64_t head_dim,
                            std::int64_t batch, std::int64_t prompt, std::int64_t decode) {
  AttentionConfig c;
  c.n_heads = heads;
  c.n_kv_heads = kv_heads;
  c.head_dim = head_dim;
  c.batch = batch;
  c.prompt_len = prompt;
  c.decode_steps = decode;
  c.hidden = 8;
  c.max_seq_len = prompt + decode;
  return c;
}

Implementation variant(const std::string& name) {
  const model::Variant* v = model::find_variant(name);
  if (!v) throw std::logic_error("no variant " + name);
  return v->impl;
}

sym::Assignment step_env(const AttentionConfig& c, std::int64_t pos, std::int64_t len) {
  sym::Assignment env = c.assignment();
  env.set(sym::symbols::pos(), pos);
  env.set(sym::symbols::chunk_len(), len);
  return env;
}

/// A whole run: prefill (in chunks of `chunk` tokens when given), then one decode step per
/// token; every step's output goes to its tokens' rows of `y`.
template <class Scalar>
struct RunResult {
  std::optional<StepFailure> failure;
  std::size_t failed_step = 0;
  Tensor<Scalar> y;
  std::int64_t cache_elements = 0;
};

template <class Scalar>
RunResult<Scalar> run_all(NumericInterpreter<Scalar>& interp, const AttentionConfig& c,
                          const Implementation& impl, std::optional<std::int64_t> chunk = {}) {
  const auto prefill = model::build_program(impl, model::symbolic_step(StepKind::kPrefill));
  const auto decode = model::build_program(impl, model::symbolic_step(StepKind::kDecode));
  RunResult<Scalar> run;
  run.y = Tensor<Scalar>({c.batch, c.total_tokens(), c.hidden});
  if (auto s = interp.setup(prefill, c.assignment()); !s) {
    run.failure = s.error();
    return run;
  }
  std::vector<std::pair<std::int64_t, std::int64_t>> steps;  // (pos, len)
  const std::int64_t size = chunk.value_or(c.prompt_len);
  for (std::int64_t pos = 0; pos < c.prompt_len; pos += size) {
    steps.emplace_back(pos, std::min(size, c.prompt_len - pos));
  }
  for (std::int64_t k = 0; k < c.decode_steps; ++k) steps.emplace_back(c.prompt_len + k, 1);
  for (std::size_t i = 0; i < steps.size(); ++i) {
    const auto [pos, len] = steps[i];
    const auto& program = pos < c.prompt_len ? prefill : decode;
    auto out = interp.step(program, step_env(c, pos, len));
    if (!out) {
      run.failure = out.error();
      run.failed_step = i;
      return run;
    }
    for (std::int64_t b = 0; b < c.batch; ++b) {
      run.y.matrix(b).middleRows(pos, len) = out.value().matrix(b);
    }
  }
  run.cache_elements = interp.total_cache_elements();
  return run;
}

template <class Scalar = double>
RunResult<Scalar> run_variant(const AttentionConfig& c, const std::string& name, std::uint64_t seed,
                              std::optional<std::int64_t> chunk = {}) {
  const auto in = make_inputs<Scalar>(c, seed);
  NumericInterpreter<Scalar> interp(c, in);
  return run_all(interp, c, variant(name), chunk);
}

bool matches_reference(const AttentionConfig& c, const std::string& name, std::uint64_t seed,
                       std::optional<std::int64_t> chunk = {}) {
  const RunResult<double> run = run_variant(c, name, seed, chunk);
  if (run.failure) return false;
  const auto want = reference_forward(c, make_inputs<double>(c, seed));
  return run.y.data().isApprox(want.data(), 1e-10);
}

struct Case {
  std::int64_t heads, kv_heads, head_dim, batch, prompt, decode;
};

class FixedMatchesReference : public ::testing::TestWithParam<Case> {};

TEST_P(FixedMatchesReference, PrefillThenDecode) {
  const Case k = GetParam();
  const auto c = make_config(k.heads, k.kv_heads, k.head_dim, k.batch, k.prompt, k.decode);
  EXPECT_TRUE(matches_reference(c, "fixed", 7)) << c.summary();
  EXPECT_TRUE(matches_reference(c, "fixed", 7, 2)) << c.summary() << " chunked by 2";
  EXPECT_TRUE(matches_reference(c, "bhld-layout", 7)) << c.summary();
  EXPECT_TRUE(matches_reference(c, "sdpa-enable-gqa", 7)) << c.summary();
}

INSTANTIATE_TEST_SUITE_P(Configs, FixedMatchesReference,
                         ::testing::Values(Case{1, 1, 2, 1, 1, 1}, Case{2, 1, 2, 1, 2, 2},
                                           Case{4, 2, 4, 1, 3, 2}, Case{4, 2, 3, 2, 3, 3},
                                           Case{6, 3, 5, 2, 4, 1}, Case{4, 4, 2, 1, 2, 0},
                                           Case{8, 2, 4, 3, 5, 4}));

TEST(NumericInterpreter, FloatTracksDouble) {
  const auto c = make_config(4, 2, 4, 2, 3, 2);
  const RunResult<float> run = run_variant<float>(c, "fixed", 3);
  ASSERT_FALSE(run.failure);
  const auto want = reference_forward(c, make_inputs<double>(c, 3));
  EXPECT_TRUE(run.y.data().cast<double>().isApprox(want.data(), 1e-5));
}

TEST(NumericInterpreter, CacheSizedByHeadsFailsAtTheWrite) {
  const auto c = make_config(2, 1, 2, 1, 2, 1);
  const RunResult<double> run = run_variant(c, "cache-sized-by-n_heads", 1);
  ASSERT_TRUE(run.failure);
  EXPECT_FALSE(run.failure->in_setup);
  EXPECT_EQ(run.failed_step, 0u);
  EXPECT_EQ(run.failure->error.op, "index_copy_");
  EXPECT_NE(run.failure->pseudo.find("cache_k"), std::string::npos);
  // On MHA the same code is right.
  EXPECT_TRUE(matches_reference(make_config(2, 2, 2, 1, 2, 1), "cache-sized-by-n_heads", 1));
}

TEST(NumericInterpreter, FailsInTheSameOpAsTheShapeInterpreter) {
  const auto c = make_config(4, 2, 2, 1, 2, 1);
  const auto in = make_inputs<double>(c, 1);
  for (const model::Variant& v : model::variant_catalog()) {
    const auto program = model::build_program(v.impl, model::symbolic_step(StepKind::kPrefill));
    NumericInterpreter<double> numeric(c, in);
    ShapeInterpreter<std::int64_t> shapes;
    const auto env = step_env(c, 0, c.prompt_len);
    ASSERT_TRUE(numeric.setup(program, env).has_value());
    ASSERT_FALSE(shapes.setup(program, concrete_eval(env)));
    const auto got = numeric.step(program, env);
    const auto want = shapes.step(program, concrete_eval(env));
    ASSERT_EQ(got.has_value(), !want.has_value()) << v.name;
    if (want) {
      EXPECT_EQ(got.error().op_index, want->index) << v.name;
      EXPECT_EQ(got.error().error.message, want->error.message) << v.name;
    }
  }
}

TEST(NumericInterpreter, RepeatBeforeWriteIsRightButCachesGroupTimesMore) {
  const auto c = make_config(4, 2, 2, 1, 3, 2);
  EXPECT_TRUE(matches_reference(c, "repeat-then-cache", 5));
  const std::int64_t fixed = run_variant(c, "fixed", 5).cache_elements;
  EXPECT_EQ(fixed, 2 * c.batch * c.max_seq_len * c.n_kv_heads * c.head_dim);
  EXPECT_EQ(run_variant(c, "repeat-then-cache", 5).cache_elements, c.group() * fixed);
}

TEST(NumericInterpreter, TilingIsWrongOnlyWithTwoKvHeadsAndAGroup) {
  EXPECT_FALSE(matches_reference(make_config(4, 2, 2, 1, 3, 1), "tile-repeat", 2));
  EXPECT_TRUE(matches_reference(make_config(2, 1, 2, 1, 3, 1), "tile-repeat", 2));
  EXPECT_TRUE(matches_reference(make_config(2, 2, 2, 1, 3, 1), "tile-repeat", 2));
}

TEST(NumericInterpreter, UnrepeatedSingleKvHeadBroadcasts) {
  // PyTorch's matmul broadcasts a one-head cache over the query heads: right numbers.
  EXPECT_TRUE(matches_reference(make_config(4, 1, 2, 2, 3, 2), "no-repeat", 4));
  const RunResult<double> run = run_variant(make_config(4, 2, 2, 1, 3, 2), "no-repeat", 4);
  ASSERT_TRUE(run.failure);
  EXPECT_EQ(run.failure->error.op, "matmul");
}

TEST(NumericInterpreter, DecodeBugsChangeTheOutputs) {
  auto c = make_config(2, 1, 4, 1, 3, 2);
  c.max_seq_len = 8;  // unwritten slots exist during decode
  EXPECT_FALSE(matches_reference(c, "unmasked-cache-tail", 6));
  EXPECT_FALSE(matches_reference(c, "rope-position-reset", 6));
  EXPECT_TRUE(matches_reference(c, "fixed", 6));
}

TEST(NumericInterpreter, OverflowingWriteIsAFindingAndLeavesTheCacheIntact) {
  auto c = make_config(2, 1, 2, 1, 3, 2);
  c.max_seq_len = 4;  // one decode step too many
  const auto in = make_inputs<double>(c, 1);
  NumericInterpreter<double> interp(c, in);
  RunResult<double> run = run_all(interp, c, variant("fixed"));
  ASSERT_TRUE(run.failure);
  EXPECT_EQ(run.failed_step, 2u);  // prefill, decode 1, then decode 2 at position 4
  EXPECT_EQ(run.failure->error.op, "index_copy_");
  // Positions 0..3 hold the four tokens written before; nothing else was touched.
  const Tensor<double>* cache = interp.cache("cache_k");
  ASSERT_NE(cache, nullptr);
  EXPECT_EQ(cache->shape(), (std::vector<std::int64_t>{1, 4, 1, 2}));
  EXPECT_FALSE(cache->data().tail(2).isZero());
}

TEST(NumericInterpreter, CacheHoldsRotatedKeysAndUnwrittenZeros) {
  auto c = make_config(4, 2, 3, 2, 3, 1);
  c.max_seq_len = 6;
  const auto in = make_inputs<double>(c, 9);
  NumericInterpreter<double> interp(c, in);
  ASSERT_FALSE(run_all(interp, c, variant("fixed")).failure);
  const Tensor<double>& k = *interp.cache("cache_k");
  const Tensor<double>& v = *interp.cache("cache_v");
  EXPECT_EQ(interp.cache_elements("cache_k"), 2 * 6 * 2 * 3);
  EXPECT_EQ(interp.cache("xq"), nullptr);
  for (std::int64_t b = 0; b < 2; ++b) {
    for (std::int64_t t = 0; t < 6; ++t) {
      for (std::int64_t h = 0; h < 2; ++h) {
        // Slots past the run's tokens were never written and keep the allocation's zeros.
        Eigen::VectorXd key = Eigen::VectorXd::Zero(3);
        Eigen::VectorXd value = Eigen::VectorXd::Zero(3);
        if (t < c.total_tokens()) {
          // Token t of x through kv head h's rows of wk / wv; the key rotated at position t.
          const auto token = in.x.matrix(b).row(t).transpose();
          key = in.wk.rows_matrix().middleRows(h * 3, 3) * token;
          value = in.wv.rows_matrix().middleRows(h * 3, 3) * token;
          rope_rotate(std::span<double>(key.data(), 3), t);
        }
        for (std::int64_t d = 0; d < 3; ++d) {
          EXPECT_NEAR(k(b, t, h, d), key[d], 1e-12);
          EXPECT_NEAR(v(b, t, h, d), value[d], 1e-12);
        }
      }
    }
  }
}

TEST(NumericInterpreter, ObserverProbesHeadMapping) {
  // Give kv head j the value j + 1 in every position: attention averages equal values, so
  // query head h outputs exactly the value of the kv head it reads.
  for (const auto& [name, tiled] : {std::pair{"fixed", false}, std::pair{"tile-repeat", true}}) {
    const auto c = make_config(6, 3, 2, 1, 2, 0);
    const auto in = make_inputs<double>(c, 1);
    NumericInterpreter<double> interp(c, in);
    std::vector<std::int64_t> read(6, -1);
    interp.set_observer([&](const model::Op& op, Tensor<double>& t) {
      const std::string& value_name = op.result;
      if (value_name == "xv" &&
          t.rank() == 3) {  // the projection [batch, len, n_kv_heads * head_dim]
        for (std::int64_t j = 0; j < 3; ++j)
          t.rows_matrix().middleCols(j * 2, 2).setConstant(static_cast<double>(j) + 1.0);
      }
      if (value_name == "attn") {  // [batch, n_heads, len, head_dim]
        for (std::int64_t h = 0; h < 6; ++h) read[h] = std::lround(t(0, h, 1, 0)) - 1;
      }
    });
    ASSERT_FALSE(run_all(interp, c, variant(name)).failure);
    for (std::int64_t h = 0; h < 6; ++h)
      EXPECT_EQ(read[h], tiled ? h % 3 : h / 2) << name << " head " << h;
  }
}

TEST(NumericInterpreter, StepBeforeSetupIsAnInternalError) {
  const auto c = make_config(2, 1, 2, 1, 2, 0);
  const auto in = make_inputs<double>(c, 1);
  NumericInterpreter<double> interp(c, in);
  const auto program =
      model::build_program(variant("fixed"), model::symbolic_step(StepKind::kPrefill));
  EXPECT_THROW(interp.step(program, step_env(c, 0, 2)), std::logic_error);
}

}  // namespace
}  // namespace kvcheck::interp
