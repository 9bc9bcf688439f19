// The formats beside Hugging Face's: detection by content, where each keeps its sizes, its
// own defaults and spellings, references in YAML, and files that are not model configs.
#include <gtest/gtest.h>

#include "kvcheck/io/load_config.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using testing::not_checkable_of;
using testing::read_json;
using testing::read_yaml;

std::string format_of_yaml(const std::string& text) {
  return detect_format(parse_yaml_document("f.yaml", text));
}

TEST(DetectFormat, ByContent) {
  EXPECT_EQ(format_of_yaml("kvcheck: {}\n"), "kvcheck");
  EXPECT_EQ(format_of_yaml("attention: {}\n"), "kvcheck");
  EXPECT_EQ(format_of_yaml("model:\n  dim: 8\n"), "lingua");
  EXPECT_EQ(format_of_yaml("model:\n  d_model: 8\n  n_heads: 2\n"), "olmo");
  EXPECT_EQ(format_of_yaml("model:\n  name: mpt_causal_lm\n  d_model: 8\n"), "llm-foundry");
  EXPECT_EQ(format_of_yaml("model:\n  model_config:\n    hidden_size: 8\n"), "nanotron");
  EXPECT_EQ(format_of_yaml("model_config:\n  n_head: 2\n"), "litgpt");
  EXPECT_EQ(format_of_yaml("num-layers: 2\nhidden-size: 8\n"), "gpt-neox");
  EXPECT_EQ(format_of_yaml("dim: 8\nn_heads: 2\n"), "meta");
  EXPECT_EQ(format_of_yaml("num_attention_heads: 8\n"), "huggingface");
  EXPECT_EQ(format_of_yaml("model_type: llama\n"), "huggingface");
  EXPECT_EQ(detect_format(parse_json_document("f.json", R"({"kvcheck": {}})")), "kvcheck");
}

TEST(DetectFormat, NotAModelConfig) {
  for (const char* text : {"- 1\n- 2\n", "model: llama\n", "steps: 100\nlr: 0.1\n"}) {
    SCOPED_TRACE(text);
    const NotCheckable e = not_checkable_of([&] { format_of_yaml(text); });
    EXPECT_EQ(e.reason(), NotCheckable::Reason::kNotModelConfig);
    EXPECT_NE(std::string(e.what()).find("not a model config"), std::string::npos);
  }
}

TEST(MetaFormat, ParamsJsonHasNoContextLength) {
  const LoadedConfig c = read_json(R"({"dim": 4096, "n_layers": 32, "n_heads": 32,
    "n_kv_heads": 8, "vocab_size": 128256, "multiple_of": 1024, "rope_theta": 500000.0})");
  EXPECT_EQ(c.format, "meta");
  EXPECT_EQ(c.family, "llama");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_FALSE(c.context.has_value());
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
}

TEST(MetaFormat, TorchchatLocalHeadsAndExecuTorchContext) {
  const LoadedConfig chat = read_json(R"({"dim": 4096, "n_layers": 32, "n_heads": 32,
    "n_local_heads": 8, "block_size": 8192})");
  EXPECT_EQ(chat.config.n_kv_heads, 8);
  EXPECT_EQ(chat.context, 8192);
  const LoadedConfig et = read_json(R"({"dim": 2048, "n_layers": 16, "n_heads": 32,
    "n_kv_heads": 8, "head_dim": 64, "max_seq_len": 2048, "max_context_len": 4096})");
  EXPECT_EQ(et.context, 4096);
  const LoadedConfig nested = read_json(R"({"transformer_args": {"text": {"dim": 2048,
    "n_layers": 16, "n_heads": 32, "n_local_heads": 8}}})");
  EXPECT_EQ(nested.config.n_kv_heads, 8);
  EXPECT_EQ(nested.source_keys.at("n_kv_heads"), "transformer_args.text.n_local_heads");
}

TEST(LinguaFormat, ContextFromDataSeqLen) {
  const LoadedConfig c = read_yaml(
      "name: run\nmodel:\n  dim: 4096\n  n_layers: 32\n  n_heads: 32\n  n_kv_heads: 8\n"
      "data:\n  seq_len: 4096\n");
  EXPECT_EQ(c.context, 4096);
  EXPECT_EQ(c.source_keys.at("max_seq_len"), "data.seq_len");
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  const LoadedConfig by_head_dim = read_yaml("model:\n  dim: 2048\n  head_dim: 128\n");
  EXPECT_EQ(by_head_dim.config.n_heads, 16);
}

TEST(LinguaFormat, MambaRecipeRefused) {
  EXPECT_STREQ(not_checkable_of([] {
                 read_yaml("model:\n  dim: 1024\n  n_layers: 8\n  n_heads: 16\n  state_dim: 128\n");
               }).what(),
               "inline.yaml:5: mamba: a state-space model has no KV cache (lingua's Mamba: "
               "model.state_dim)");
}

TEST(OlmoFormat, DModelAndPrecision) {
  const LoadedConfig c = read_yaml(
      "run_name: olmo-7b\nmodel:\n  d_model: 4096\n  n_heads: 32\n  n_kv_heads: null\n"
      "  n_layers: 32\n  max_sequence_length: 2048\nprecision: amp_bf16\n");
  EXPECT_EQ(c.format, "olmo");
  EXPECT_EQ(c.config.name, "olmo-7b");
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.n_kv_heads, 32);
  EXPECT_EQ(c.context, 2048);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  const LoadedConfig mqa = read_yaml(
      "model:\n  d_model: 2048\n  n_heads: 16\n  multi_query_attention: true\n");
  EXPECT_EQ(mqa.config.n_kv_heads, 1);
}

TEST(FoundryFormat, ReferencesResolve) {
  const LoadedConfig c = read_yaml(
      "variables:\n  max_seq_len: 4096\nmax_seq_len: ${variables.max_seq_len}\n"
      "model:\n  name: mpt_causal_lm\n  d_model: 4096\n  n_heads: 32\n  n_layers: 32\n"
      "  max_seq_len: ${max_seq_len}\n  attn_config:\n    attn_type: grouped_query_attention\n"
      "    kv_n_heads: 8\nprecision: amp_bf16\n");
  EXPECT_EQ(c.format, "llm-foundry");
  EXPECT_EQ(c.family, "mpt");
  EXPECT_EQ(c.context, 4096);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  EXPECT_STREQ(input_error_of([] {
                 read_yaml("model:\n  name: mpt\n  d_model: 64\n  n_heads: 2\n"
                           "  max_seq_len: ${variables.seq}\n");
               }).what(),
               "inline.yaml:5: model.max_seq_len: ${variables.seq}: no key variables.seq in this file");
  EXPECT_STREQ(input_error_of([] {
                 read_yaml("a: ${b}\nb: ${a}\nmodel:\n  name: mpt\n  d_model: 64\n  n_heads: 2\n");
               }).what(),
               "inline.yaml:1: a: ${b}: references form a cycle or a chain longer than 16");
}

TEST(NanotronFormat, ModelConfigBlock) {
  const LoadedConfig c = read_yaml(
      "model:\n  dtype: bfloat16\n  model_config:\n    is_llama_config: true\n"
      "    hidden_size: 2048\n    num_attention_heads: 32\n    num_key_value_heads: 8\n"
      "    num_hidden_layers: 24\n    max_position_embeddings: 4096\n"
      "tokens:\n  sequence_length: 2048\n");
  EXPECT_EQ(c.format, "nanotron");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.context, 4096);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
}

TEST(LitgptFormat, QueryGroupsAndHeadSize) {
  const LoadedConfig c = read_yaml(
      "model_name: Llama-3-8B\nmodel_config:\n  block_size: 8192\n  n_layer: 32\n"
      "  n_head: 32\n  n_embd: 4096\n  n_query_groups: 8\n  head_size: 128\nprecision: bf16-true\n");
  EXPECT_EQ(c.format, "litgpt");
  EXPECT_EQ(c.config.name, "Llama-3-8B");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.context, 8192);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
}

TEST(NeoxFormat, DashesAttentionConfigAndPrecisionBlocks) {
  const LoadedConfig c = read_yaml(
      "num-layers: 24\nhidden-size: 2048\nnum-attention-heads: 16\nseq-length: 2048\n"
      "max-position-embeddings: 2048\nattention-config: [[[\"global\"], 24]]\n"
      "fp16:\n  enabled: true\n");
  EXPECT_EQ(c.format, "gpt-neox");
  EXPECT_EQ(c.config.n_layers, 24);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.dtype, model::Dtype::kFloat16);
  const LoadedConfig hybrid = read_yaml(
      "num_layers: 4\nhidden_size: 256\nnum_attention_heads: 4\n"
      "attention_config: [[[\"mamba\", \"global\"], 4]]\n");
  EXPECT_EQ(hybrid.config.n_layers, 2);
  EXPECT_STREQ(not_checkable_of([] {
                 read_yaml("num-layers: 48\nhidden-size: 2048\nnum-attention-heads: 16\n"
                           "attention-config: [[[\"mamba\"], 48]]\n");
               }).what(),
               "inline.yaml:4: mamba: a state-space model has no KV cache");
  EXPECT_STREQ(input_error_of([] {
                 read_yaml("num-layers: 4\nhidden-size: 8\nnum-attention-heads: 2\n"
                           "attention-config: [[[\"global\"], 3]]\n");
               }).what(),
               "inline.yaml:4: attention-config: covers 3 layers but num-layers is 4");
}

TEST(KnownFiles, TokenizerAndGenerationSettingsAreNotConfigs) {
  EXPECT_EQ(known_non_config("m/tokenizer_config.json"), "a tokenizer's settings");
  EXPECT_EQ(known_non_config("m/model.safetensors.index.json"), "a weight index");
  EXPECT_EQ(known_non_config("m/config.json"), "");
  const NotCheckable e = not_checkable_of([] { load_config("m/generation_config.json"); });
  EXPECT_EQ(e.reason(), NotCheckable::Reason::kNotModelConfig);
  EXPECT_STREQ(e.what(), "m/generation_config.json: not a model config: generation_config.json "
                         "holds generation settings");
}

}  // namespace
}  // namespace kvcheck::io
