// Hugging Face reader: values, key lines and notes on zoo files, and each alias rule.
#include "kvcheck/io/huggingface_reader.hpp"

#include <gtest/gtest.h>

#include "kvcheck/io/load_config.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using testing::read_json;
using Lines = std::map<std::string, int>;
using Notes = std::vector<std::string>;

LoadedConfig zoo(const std::string& file) {
  return load_config(testing::source_path("fixtures/configs/huggingface/" + file));
}

TEST(HuggingFaceReader, Llama3WithExplicitKvHeads) {
  const LoadedConfig c = zoo("llama-3-8b.json");
  EXPECT_EQ(c.format, "huggingface");
  EXPECT_FALSE(c.impl.has_value());
  EXPECT_EQ(c.config.name, "meta-llama/Meta-Llama-3-8B");
  EXPECT_EQ(c.config.n_heads, 32);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.hidden, 4096);
  EXPECT_EQ(c.config.max_seq_len, 8192);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  // Run sizes are not the model's: they keep AttentionConfig's defaults.
  EXPECT_EQ(c.config.batch, 1);
  EXPECT_EQ(c.config.prompt_len, 3);
  EXPECT_EQ(c.config.decode_steps, 2);
  EXPECT_EQ(c.key_lines, (Lines{{"name", 2},
                                {"hidden", 7},
                                {"max_seq_len", 9},
                                {"n_heads", 11},
                                {"n_layers", 12},
                                {"n_kv_heads", 13},
                                {"dtype", 16}}));
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "num_key_value_heads");
  EXPECT_EQ(c.notes, (Notes{"head_dim absent: taken as hidden_size / num_attention_heads = 128"}));
}

TEST(HuggingFaceReader, MissingKvHeadsMeansMha) {
  const LoadedConfig c = zoo("pythia-410m.json");
  EXPECT_EQ(c.config.n_kv_heads, 16);
  EXPECT_EQ(c.key_lines.count("n_kv_heads"), 0u);
  EXPECT_EQ(c.notes, (Notes{"num_key_value_heads absent: taken as num_attention_heads (MHA)",
                            "head_dim absent: taken as hidden_size / num_attention_heads = 64"}));
}

TEST(HuggingFaceReader, ExplicitHeadDimNeedNotDivideHidden) {
  const LoadedConfig c = zoo("gemma-2-9b.json");
  EXPECT_EQ(c.config.head_dim, 256);
  EXPECT_EQ(c.config.hidden, 3584);
  EXPECT_EQ(c.key_lines.at("head_dim"), 7);
  EXPECT_TRUE(c.notes.empty());
}

TEST(HuggingFaceReader, Gpt2KeyNames) {
  const LoadedConfig c = zoo("gpt2.json");
  EXPECT_EQ(c.config.name, "gpt2");  // from model_type: the file has no _name_or_path
  EXPECT_EQ(c.config.n_heads, 12);
  EXPECT_EQ(c.config.hidden, 768);
  EXPECT_EQ(c.config.max_seq_len, 1024);
  EXPECT_EQ(c.config.n_layers, 12);
  EXPECT_EQ(c.config.dtype, model::Dtype::kFloat32);
  EXPECT_EQ(c.source_keys, (std::map<std::string, std::string>{{"hidden", "n_embd"},
                                                               {"max_seq_len", "n_positions"},
                                                               {"n_heads", "n_head"},
                                                               {"n_layers", "n_layer"},
                                                               {"name", "model_type"}}));
  EXPECT_EQ(c.notes, (Notes{"num_key_value_heads absent: taken as n_head (MHA)",
                            "head_dim absent: taken as n_embd / n_head = 64",
                            "torch_dtype absent: float32"}));
}

TEST(HuggingFaceReader, FalconMultiQueryIsOneKvHead) {
  const LoadedConfig c = zoo("falcon-7b.json");
  EXPECT_EQ(c.config.n_heads, 71);
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.config.head_dim, 64);
  EXPECT_EQ(c.key_lines.at("n_kv_heads"), 10);  // the multi_query line
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "multi_query");
  EXPECT_EQ(c.config.max_seq_len, 5);
  EXPECT_EQ(c.notes, (Notes{"multi_query is true: one kv head (MQA)",
                            "head_dim absent: taken as hidden_size / num_attention_heads = 64",
                            "max_position_embeddings absent: max_seq_len taken as prompt_len + "
                            "decode_steps = 5"}));
}

TEST(HuggingFaceReader, FalconNewArchitectureReadsItsKvCount) {
  const LoadedConfig c = zoo("falcon-40b.json");
  EXPECT_EQ(c.config.n_heads, 128);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "num_kv_heads");
}

TEST(HuggingFaceReader, FalconOldArchitectureIgnoresItsKvCount) {
  // Falcon-7B's transformers-format config may carry num_kv_heads = 71 beside multi_query;
  // Falcon reads it only with new_decoder_architecture.
  const LoadedConfig c = read_json(R"({"model_type": "falcon", "num_attention_heads": 71,
    "num_kv_heads": 71, "multi_query": true, "new_decoder_architecture": false,
    "hidden_size": 4544})");
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.notes[1],
            "num_kv_heads ignored: multi_query wins unless new_decoder_architecture is true");
}

TEST(HuggingFaceReader, FalconFirstReleaseKeyNames) {
  const LoadedConfig c = read_json(R"({"model_type": "RefinedWeb", "n_head": 128, "n_head_kv": 8,
                    "hidden_size": 8192, "n_layer": 60})");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.n_layers, 60);
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "n_head_kv");
}

TEST(HuggingFaceReader, StarCoderMultiQuery) {
  const LoadedConfig c = zoo("starcoder.json");
  EXPECT_EQ(c.config.n_heads, 48);
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.max_seq_len, 8192);
}

TEST(HuggingFaceReader, TextConfigHoldsTheLanguageModel) {
  const LoadedConfig c = zoo("llama-3.2-11b-vision.json");
  EXPECT_EQ(c.config.n_heads, 32);  // not the vision tower's 16
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.n_layers, 40);
  EXPECT_EQ(c.config.max_seq_len, 131072);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);  // from the top level
  EXPECT_EQ(c.key_lines.at("n_heads"), 23);
  EXPECT_EQ(c.key_lines.at("dtype"), 30);
  EXPECT_EQ(c.source_keys.at("n_heads"), "text_config.num_attention_heads");
  EXPECT_EQ(c.source_keys.at("dtype"), "torch_dtype");
  EXPECT_EQ(c.notes.front(), "language model read from text_config");
}

TEST(HuggingFaceReader, NullHeadDimIsDerived) {
  const LoadedConfig c = read_json(R"({"model_type": "llama", "num_attention_heads": 32,
                                      "hidden_size": 4096, "head_dim": null})");
  EXPECT_EQ(c.config.head_dim, 128);
}

TEST(HuggingFaceReader, NameFallsBackToModelTypeThenFolder) {
  EXPECT_EQ(read_json(R"({"_name_or_path": "", "model_type": "qwen2",
                         "num_attention_heads": 2, "hidden_size": 8})")
                .config.name,
            "qwen2");
  const Document doc = parse_json_document("models/my-model/config.json",
                                           R"({"num_attention_heads": 2, "hidden_size": 8})");
  EXPECT_EQ(read_huggingface_config(doc).config.name, "my-model");
}

TEST(HuggingFaceReader, WrongTypesAreLocated) {
  const InputError e = input_error_of([] {
    read_json(
        "{\"model_type\": \"llama\",\n\"num_attention_heads\": 8,\n\"hidden_size\": 64,\n"
        "\"multi_query\": 1}");
  });
  EXPECT_STREQ(e.what(), "inline.json:4: multi_query: expected true or false, got 1");
  EXPECT_EQ(e.line(), 4);
  EXPECT_EQ(e.field(), "multi_query");
}

}  // namespace
}  // namespace kvcheck::io
