// kvcheck's own format: sizes, run, implementation block, and strictness about keys.
#include "kvcheck/io/kvcheck_reader.hpp"

#include <gtest/gtest.h>

#include "kvcheck/io/load_config.hpp"
#include "kvcheck/model/variant.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using testing::read_yaml;

constexpr const char* kSizes = "kvcheck:\n  n_heads: 4\n  n_kv_heads: 2\n  head_dim: 8\n";

TEST(KvcheckReader, VariantByName) {
  const LoadedConfig c = load_config(
      testing::source_path("fixtures/configs/kvcheck/tiny-cache-sized-by-n_heads.yaml"));
  EXPECT_EQ(c.format, "kvcheck");
  EXPECT_EQ(c.config.name, "tiny-gqa");
  EXPECT_EQ(c.config.summary(),
            "n_heads=2 n_kv_heads=1 head_dim=4 batch=1 prompt_len=3 decode_steps=2 max_seq_len=5");
  ASSERT_TRUE(c.variant.has_value());
  EXPECT_EQ(*c.variant, "cache-sized-by-n_heads");
  ASSERT_TRUE(c.impl.has_value());
  EXPECT_EQ(*c.impl, model::find_variant("cache-sized-by-n_heads")->impl);
  EXPECT_EQ(c.key_lines.at("variant"), 14);
  EXPECT_EQ(c.key_lines.at("n_kv_heads"), 6);
  EXPECT_TRUE(c.notes.empty());
}

TEST(KvcheckReader, IndividualChoices) {
  const LoadedConfig c =
      load_config(testing::source_path("fixtures/configs/kvcheck/llama-3-8b-tiled.yaml"));
  EXPECT_FALSE(c.variant.has_value());
  ASSERT_TRUE(c.impl.has_value());
  EXPECT_EQ(c.impl->describe(),
            "cache=n_kv_heads order=write-then-repeat repeat=tile mask=written-prefix rope=absolute "
            "layout=BHLD attention=matmul");
  EXPECT_EQ(c.config.batch, 2);
  EXPECT_EQ(c.config.prompt_len, 6);
  EXPECT_EQ(c.config.decode_steps, 4);
  EXPECT_EQ(c.config.prefill_chunk, 3);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  EXPECT_EQ(c.key_lines.at("repeat"), 19);
  EXPECT_EQ(c.key_lines.at("attention"), 23);
  EXPECT_EQ(c.source_keys.at("repeat"), "kvcheck.implementation.repeat");
}

TEST(KvcheckReader, JsonWithAttentionBlock) {
  const LoadedConfig c =
      load_config(testing::source_path("fixtures/configs/kvcheck/mistral-7b.json"));
  EXPECT_EQ(c.format, "kvcheck");
  EXPECT_EQ(c.config.max_seq_len, 12);
  EXPECT_EQ(c.key_lines.at("n_kv_heads"), 5);
  EXPECT_EQ(c.notes, (std::vector<std::string>{"attention.max_seq_len absent: max_seq_len taken "
                                               "as prompt_len + decode_steps = 12"}));
  EXPECT_FALSE(c.impl.has_value());
}

TEST(KvcheckReader, DefaultsForOptionalSizes) {
  const LoadedConfig c = read_yaml(kSizes);
  EXPECT_EQ(c.config.name, "inline");
  EXPECT_EQ(c.config.hidden, 32);
  EXPECT_EQ(c.config.n_layers, 1);
  EXPECT_EQ(c.config.dtype, model::Dtype::kFloat32);
  EXPECT_EQ(c.config.decode_steps, 2);
  EXPECT_EQ(c.notes.front(), "kvcheck.hidden absent: taken as n_heads * head_dim = 32");
}

TEST(KvcheckReader, ZeroDecodeStepsIsAllowed) {
  EXPECT_EQ(read_yaml(std::string(kSizes) + "  decode_steps: 0\n").config.decode_steps, 0);
}

TEST(KvcheckReader, EveryChoiceSpellingIsAccepted) {
  const LoadedConfig c = read_yaml(std::string(kSizes) +
                                   "  implementation:\n    cache_heads: n_heads\n"
                                   "    order: repeat-both-sides\n    repeat: interleave\n"
                                   "    mask_unwritten: false\n    rope: step-relative\n"
                                   "    layout: BLHD\n    attention: sdpa-enable-gqa\n");
  EXPECT_EQ(c.impl->describe(),
            "cache=n_heads order=repeat-both-sides repeat=interleave mask=decode-reads-all rope=step-relative "
            "layout=BLHD attention=sdpa-enable-gqa");
}

TEST(KvcheckReader, UnknownRopeListsSpellings) {
  EXPECT_STREQ(
      input_error_of([] {
        read_yaml(std::string(kSizes) + "  implementation:\n    rope: none\n");
      }).what(),
      "inline.yaml:6: kvcheck.implementation.rope: unknown rope \"none\"; expected one of: "
      "absolute, step-relative");
}

TEST(KvcheckReader, RequiredSizes) {
  EXPECT_STREQ(input_error_of([] { read_yaml("kvcheck:\n  n_heads: 4\n  head_dim: 8\n"); }).what(),
               "inline.yaml:1: kvcheck.n_kv_heads: missing required field");
}

TEST(KvcheckReader, OneBlockOnly) {
  EXPECT_STREQ(
      input_error_of([] { read_yaml(std::string(kSizes) + "attention:\n  n_heads: 4\n"); }).what(),
      "inline.yaml:5: attention: give either a kvcheck: or an attention: block, not both");
  EXPECT_STREQ(input_error_of([] { read_yaml(std::string(kSizes) + "extra: 1\n"); }).what(),
               "inline.yaml:5: extra: unknown key; expected one of: kvcheck, attention");
  EXPECT_STREQ(input_error_of([] { read_yaml("kvcheck: 3\n"); }).what(),
               "inline.yaml:1: kvcheck: expected a mapping, got 3");
}

}  // namespace
}  // namespace kvcheck::io
