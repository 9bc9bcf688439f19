// lingua reader: the published recipes and each of lingua's defaults.
#include "kvcheck/io/lingua_reader.hpp"

#include <gtest/gtest.h>

#include "kvcheck/io/load_config.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using testing::read_yaml;
using Lines = std::map<std::string, int>;
using Notes = std::vector<std::string>;

TEST(LinguaReader, DebugRecipeWithDefaults) {
  const LoadedConfig c = load_config(testing::source_path("fixtures/configs/lingua/debug.yaml"));
  EXPECT_EQ(c.format, "lingua");
  EXPECT_EQ(c.config.name, "debug");
  EXPECT_EQ(c.config.hidden, 1024);
  EXPECT_EQ(c.config.n_heads, 8);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.n_layers, 8);
  EXPECT_EQ(c.config.max_seq_len, 1024);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  EXPECT_EQ(c.key_lines,
            (Lines{{"name", 2}, {"dtype", 8}, {"hidden", 11}, {"n_layers", 12}, {"n_heads", 13}}));
  EXPECT_EQ(c.notes, (Notes{"model.head_dim absent: taken as model.dim / model.n_heads = 128",
                            "model.n_kv_heads absent: taken as model.n_heads (lingua's default)",
                            "model.max_seqlen absent: 1024 (lingua's default)"}));
}

TEST(LinguaReader, GqaBlock) {
  const LoadedConfig c =
      load_config(testing::source_path("fixtures/configs/lingua/llama-3-8b-gqa.yaml"));
  EXPECT_EQ(c.config.n_heads, 32);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.max_seq_len, 8192);
  EXPECT_EQ(c.key_lines.at("n_kv_heads"), 12);
  EXPECT_EQ(c.key_lines.at("max_seq_len"), 14);
  EXPECT_EQ(c.source_keys.at("max_seq_len"), "model.max_seqlen");
}

TEST(LinguaReader, EveryDefault) {
  const LoadedConfig c = read_yaml("model:\n  n_heads: 8\n");
  EXPECT_EQ(c.config.hidden, 512);
  EXPECT_EQ(c.config.head_dim, 64);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.n_layers, 8);
  EXPECT_EQ(c.config.max_seq_len, 1024);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  EXPECT_EQ(c.config.name, "inline");
  EXPECT_EQ(c.notes, (Notes{"model.dim absent: 512 (lingua's default)",
                            "model.head_dim absent: taken as model.dim / model.n_heads = 64",
                            "model.n_kv_heads absent: taken as model.n_heads (lingua's default)",
                            "model.n_layers absent: 8 (lingua's default)",
                            "model.max_seqlen absent: 1024 (lingua's default)",
                            "distributed.model_dtype absent: bfloat16 (lingua's default)"}));
}

TEST(LinguaReader, HeadDimAloneGivesTheHeadCount) {
  const LoadedConfig c = read_yaml("model:\n  dim: 2048\n  head_dim: 128\n  n_kv_heads: 4\n");
  EXPECT_EQ(c.config.n_heads, 16);
  EXPECT_EQ(c.config.n_kv_heads, 4);
  EXPECT_EQ(c.notes.front(), "model.n_heads absent: taken as model.dim / model.head_dim = 16");
}

TEST(LinguaReader, ExplicitHeadDimStillNeedsDimDivisibleByHeads) {
  EXPECT_STREQ(input_error_of([] {
                 read_yaml("model:\n  dim: 100\n  n_heads: 8\n  head_dim: 16\n");
               }).what(),
               "inline.yaml:2: model.dim: model.dim (100) must be a multiple of model.n_heads (8) "
               "(lingua's TransformerBlock asserts it)");
  EXPECT_STREQ(input_error_of([] { read_yaml("model:\n  dim: 100\n  head_dim: 16\n"); }).what(),
               "inline.yaml:3: model.head_dim: model.dim (100) must be a multiple of "
               "model.head_dim (16) when model.n_heads is not given");
}

TEST(LinguaReader, DefaultDimIsBlamedOnTheHeads) {
  const InputError e = input_error_of([] { read_yaml("model:\n  n_heads: 7\n"); });
  EXPECT_STREQ(e.what(),
               "inline.yaml:2: model.n_heads: model.dim (512) must be a multiple of "
               "model.n_heads (7) when model.head_dim is not given");
}

TEST(LinguaReader, ModelDtypeSpellings) {
  EXPECT_EQ(read_yaml("distributed:\n  model_dtype: fp32\nmodel:\n  n_heads: 8\n").config.dtype,
            model::Dtype::kFloat32);
  EXPECT_STREQ(
      input_error_of([] {
        read_yaml("distributed:\n  model_dtype: fp8\nmodel:\n  n_heads: 8\n");
      }).what(),
      "inline.yaml:2: distributed.model_dtype: unknown dtype \"fp8\"; expected one of: float32, "
      "float16, bfloat16, float64");
}

}  // namespace
}  // namespace kvcheck::io
