// run_check on zoo configs: verdicts with the model's own head counts, memory figures and
// latent findings for configs that pass only because of their head counts.
#include "kvcheck/check/config_check.hpp"

#include <gtest/gtest.h>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::check {
namespace {

std::string fixture(const std::string& name) {
  return std::string(KVCHECK_SOURCE_DIR) + "/fixtures/configs/" + name;
}

CheckOptions options_for(std::vector<std::string> paths, std::string variant = "") {
  CheckOptions o;
  o.paths = std::move(paths);
  o.variant = std::move(variant);
  o.params.max_success = 10;
  o.params.bounds.batch = 1;
  o.params.bounds.prompt_len = 3;
  o.params.bounds.decode_steps = 2;
  o.params.bounds.cache_spare = 1;
  o.params.bounds.hidden = 2;
  return o;
}

TEST(CacheMemory, Llama3_8BInBfloat16) {
  model::AttentionConfig c;
  c.n_heads = 32;
  c.n_kv_heads = 8;
  c.head_dim = 128;
  c.n_layers = 32;
  c.max_seq_len = 8192;
  c.dtype = model::Dtype::kBFloat16;
  const CacheMemory m = cache_memory(c);
  EXPECT_EQ(m.bytes_per_token_per_layer, 2 * 8 * 128 * 2);
  EXPECT_EQ(m.bytes_per_token, 131072);                  // 128 KiB per token
  EXPECT_EQ(m.bytes_at_max_positions, 1073741824);       // 1 GiB for 8192 positions
  EXPECT_EQ(m.repeated_bytes_at_max_positions, 4294967296);  // 4x with repeated heads
}

TEST(RunCheck, GqaModelFailsWithTheNHeadsSizedCache) {
  const CheckRun run = run_check(options_for({fixture("huggingface/llama-3-8b.json")}, "cache-sized-by-n_heads"));
  ASSERT_EQ(run.configs.size(), 1u);
  const ConfigResult& r = run.configs[0];
  EXPECT_EQ(r.loaded.config.n_heads, 32);
  EXPECT_EQ(r.verdicts.front().property, "shape-safety");
  ASSERT_TRUE(r.verdicts.front().fails());
  // The counterexample keeps the model's head counts; only run sizes shrink.
  const model::AttentionConfig& cex = r.verdicts.front().search.counterexample->config;
  EXPECT_EQ(cex.n_heads, 32);
  EXPECT_EQ(cex.n_kv_heads, 8);
  EXPECT_EQ(cex.head_dim, 128);
  EXPECT_EQ(cex.prompt_len, 1);
  EXPECT_EQ(run.exit_code(false), 1);
}

// Configs of one shape share their verdicts (computed once), yet each counterexample names
// its own config, and each verdict is what checking that config alone gives.
TEST(RunCheck, ConfigsOfOneShapeShareVerdictsButKeepTheirNames) {
  const std::string hf = fixture("huggingface/llama-3-8b.json");
  const std::string meta = fixture("meta/llama-3-8b/params.json");
  const CheckRun both = run_check(options_for({hf, meta}, "cache-sized-by-n_heads"));
  ASSERT_EQ(both.configs.size(), 2u);
  const CheckRun alone = run_check(options_for({meta}, "cache-sized-by-n_heads"));
  for (std::size_t k = 0; k < both.configs[1].verdicts.size(); ++k) {
    const Verdict& shared = both.configs[1].verdicts[k];
    const Verdict& own = alone.configs[0].verdicts[k];
    EXPECT_EQ(shared.status, own.status) << shared.property;
    EXPECT_EQ(shared.search.cases, own.search.cases) << shared.property;
    ASSERT_EQ(shared.search.counterexample.has_value(), own.search.counterexample.has_value());
    if (shared.search.counterexample) {
      EXPECT_EQ(shared.search.counterexample->config, own.search.counterexample->config);
      EXPECT_EQ(shared.search.counterexample->config.name, both.configs[1].loaded.config.name);
      EXPECT_NE(shared.search.counterexample->config.name,
                both.configs[0].verdicts[k].search.counterexample->config.name);
    }
  }
}

TEST(RunCheck, MhaModelPassesButIsLatentWithTheNHeadsSizedCache) {
  const CheckRun run = run_check(options_for({fixture("huggingface/llama-2-7b.json")}, "cache-sized-by-n_heads"));
  const ConfigResult& r = run.configs.at(0);
  EXPECT_EQ(r.failures(), 0);
  ASSERT_FALSE(r.latent.empty());
  EXPECT_EQ(r.latent.front().property, "shape-safety");
  EXPECT_EQ(r.latent.front().condition, "fails whenever group >= 2");
  EXPECT_EQ(run.exit_code(false), 0);
  EXPECT_EQ(run.exit_code(true), 1);
}

TEST(RunCheck, FixedHoldsOnAnMqaModel) {
  const CheckRun run = run_check(options_for({fixture("huggingface/falcon-7b.json")}));
  const ConfigResult& r = run.configs.at(0);
  EXPECT_EQ(r.variant, "fixed");
  EXPECT_EQ(r.failures(), 0);
  EXPECT_TRUE(r.latent.empty());
  EXPECT_EQ(r.verdicts.front().status, Status::kProved);
}

TEST(RunCheck, UnknownVariantIsAnInputError) {
  EXPECT_THROW(run_check(options_for({fixture("huggingface/gpt2.json")}, "nope")), InputError);
}

}  // namespace
}  // namespace kvcheck::check
