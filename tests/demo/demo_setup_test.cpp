// resolve_demo: defaults, flags, config files, and one InputError per bad value naming
// the flag.
#include "kvcheck/demo/demo_setup.hpp"

#include <gtest/gtest.h>

#include "demo_test_support.hpp"
#include "kvcheck/base/input_error.hpp"

namespace kvcheck::demo {
namespace {

const model::Variant& wrong() {
  return *model::find_variant("cache-sized-by-n_heads");
}

TEST(DemoSetup, DefaultsAreASmallGqaCase) {
  const DemoSetup s = resolve_demo({}, wrong());
  EXPECT_EQ(s.config.n_heads, 4);
  EXPECT_EQ(s.config.n_kv_heads, 2);
  EXPECT_EQ(s.config.head_dim, 4);
  EXPECT_EQ(s.config.prompt_len, 3);
  EXPECT_EQ(s.config.decode_steps, 2);
  EXPECT_EQ(s.config.batch, 1);
  EXPECT_EQ(s.config.max_seq_len, 5);
  EXPECT_EQ(s.fixed->name, "fixed");
  EXPECT_EQ(s.wrong->name, "cache-sized-by-n_heads");
  EXPECT_EQ(s.real_model.name, "Llama-3-8B");
  EXPECT_EQ(s.real_model.max_seq_len, 8192);
  EXPECT_EQ(s.real_model.n_layers, 32);
}

TEST(DemoSetup, FlagsSetTheSizes) {
  DemoOptions o;
  o.n_heads = 8;
  o.n_kv_heads = 1;
  o.head_dim = 2;
  o.prompt_len = 1;
  o.decode_steps = 0;
  const DemoSetup s = resolve_demo(o, wrong());
  EXPECT_EQ(s.config.n_heads, 8);
  EXPECT_EQ(s.config.n_kv_heads, 1);
  EXPECT_EQ(s.config.head_dim, 2);
  EXPECT_EQ(s.config.max_seq_len, 1);
}

struct BadValue {
  const char* name;
  DemoOptions options;
  const char* flag;
  const char* message;
};

class DemoSetupRejects : public ::testing::TestWithParam<BadValue> {};

TEST_P(DemoSetupRejects, WithTheFlagInOneLine) {
  try {
    resolve_demo(GetParam().options, wrong());
    FAIL() << "accepted";
  } catch (const InputError& e) {
    EXPECT_EQ(e.field(), GetParam().flag);
    EXPECT_NE(std::string(e.what()).find(GetParam().message), std::string::npos) << e.what();
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

DemoOptions with(std::optional<std::int64_t> DemoOptions::*field, std::int64_t value) {
  DemoOptions o;
  o.*field = value;
  return o;
}

INSTANTIATE_TEST_SUITE_P(
    BadValues, DemoSetupRejects,
    ::testing::Values(
        BadValue{"ZeroHeads", with(&DemoOptions::n_heads, 0), "--n-heads", "must be positive"},
        BadValue{"ZeroKvHeads", with(&DemoOptions::n_kv_heads, 0), "--n-kv-heads",
                 "must be positive"},
        BadValue{"NotAMultiple", with(&DemoOptions::n_heads, 3), "--n-heads", "not a multiple"},
        BadValue{"KvNotADivisor", with(&DemoOptions::n_kv_heads, 3), "--n-kv-heads",
                 "not a multiple"},
        BadValue{"ZeroHeadDim", with(&DemoOptions::head_dim, 0), "--head-dim", "must be positive"},
        BadValue{"NegativeDecode", with(&DemoOptions::decode_steps, -1), "--decode-steps",
                 "zero or positive"},
        BadValue{"LongPrompt", with(&DemoOptions::prompt_len, 9), "--prompt-len", "at most 8"}),
    [](const auto& param_info) { return std::string(param_info.param.name); });

TEST(DemoSetup, ConfigFileGivesHeadsNameAndRealMemory) {
  DemoOptions o;
  o.config_path = testing::source_path("fixtures/configs/huggingface/llama-3-8b.json");
  const DemoSetup s = resolve_demo(o, wrong());
  EXPECT_EQ(s.config.name, "meta-llama/Meta-Llama-3-8B");
  EXPECT_EQ(s.config.n_heads, 32);
  EXPECT_EQ(s.config.n_kv_heads, 8);
  EXPECT_EQ(s.config.head_dim, 128);
  // The run stays small; the model's own 8192 positions only price the cache.
  EXPECT_EQ(s.config.max_seq_len, 5);
  EXPECT_EQ(s.real_model.max_seq_len, 8192);
  EXPECT_EQ(s.real_model.dtype, model::Dtype::kBFloat16);
}

TEST(DemoSetup, FlagsOverrideTheConfigFile) {
  DemoOptions o;
  o.config_path = testing::source_path("fixtures/configs/huggingface/llama-3-8b.json");
  o.n_kv_heads = 4;
  EXPECT_EQ(resolve_demo(o, wrong()).config.n_kv_heads, 4);
}

TEST(DemoSetup, RunSizesFromAFileAreNotedWhenChanged) {
  DemoOptions o;
  o.config_path = testing::source_path("fixtures/configs/kvcheck/llama-3-8b-tiled.yaml");
  const DemoSetup s = resolve_demo(o, wrong());
  EXPECT_EQ(s.config.batch, 1);
  EXPECT_EQ(s.config.prompt_len, 6);
  ASSERT_FALSE(s.notes.empty());
  EXPECT_NE(s.notes.front().find("batch 2"), std::string::npos);
}

TEST(DemoSetup, UnreadableConfigIsAnInputError) {
  DemoOptions o;
  o.config_path = testing::source_path("fixtures/demo/does-not-exist.json");
  EXPECT_THROW(resolve_demo(o, wrong()), InputError);
}

}  // namespace
}  // namespace kvcheck::demo
