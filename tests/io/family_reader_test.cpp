// The family engine on Hugging Face configs: each family rule (kv heads, widths, attention
// layers, windows, latents), each documented default, and the notes that name what was assumed.
#include "kvcheck/io/family_reader.hpp"

#include <gtest/gtest.h>

#include "kvcheck/io/load_config.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using testing::not_checkable_of;
using testing::read_json;
using Lines = std::map<std::string, int>;
using Notes = std::vector<std::string>;

LoadedConfig zoo(const std::string& file) {
  return load_config(testing::source_path("fixtures/configs/huggingface/" + file));
}

TEST(FamilyReader, Llama3WithExplicitKvHeads) {
  const LoadedConfig c = zoo("llama-3-8b.json");
  EXPECT_EQ(c.format, "huggingface");
  EXPECT_EQ(c.family, "llama");
  EXPECT_EQ(c.config.name, "meta-llama/Meta-Llama-3-8B");
  EXPECT_EQ(c.config.n_heads, 32);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.hidden, 4096);
  EXPECT_EQ(c.context, 8192);
  EXPECT_EQ(c.config.max_seq_len, 8192);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.model_layers, 32);
  EXPECT_EQ(c.config.dtype, model::Dtype::kBFloat16);
  // Run sizes are not the model's: they keep AttentionConfig's defaults.
  EXPECT_EQ(c.config.batch, 1);
  EXPECT_EQ(c.config.prompt_len, 3);
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

TEST(FamilyReader, MissingKvHeadsMeansMha) {
  const LoadedConfig c = zoo("pythia-410m.json");
  EXPECT_EQ(c.family, "gpt_neox");
  EXPECT_EQ(c.config.n_kv_heads, 16);
  EXPECT_EQ(c.key_lines.count("n_kv_heads"), 0u);
  EXPECT_EQ(c.notes.front(), "num_key_value_heads absent: taken as num_attention_heads (MHA)");
}

TEST(FamilyReader, Gpt2KeyNamesAndDefaultsNamed) {
  const LoadedConfig c = zoo("gpt2.json");
  EXPECT_EQ(c.config.name, "gpt2");  // from model_type: the file has no _name_or_path
  EXPECT_EQ(c.config.n_heads, 12);
  EXPECT_EQ(c.config.hidden, 768);
  EXPECT_EQ(c.context, 1024);
  EXPECT_EQ(c.config.n_layers, 12);
  EXPECT_EQ(c.config.dtype, model::Dtype::kFloat32);
  EXPECT_EQ(c.source_keys.at("hidden"), "n_embd");
  EXPECT_EQ(c.source_keys.at("max_seq_len"), "n_positions");
  EXPECT_EQ(c.notes, (Notes{"num_key_value_heads absent: taken as n_head (MHA)",
                            "head_dim absent: taken as n_embd / n_head = 64",
                            "torch_dtype absent: float32 (transformers loads float32 unless "
                            "told otherwise)"}));
}

TEST(FamilyReader, FamilyDefaultsFillAbsentKeys) {
  // transformers builds MistralConfig() for a file that names only its model_type.
  const LoadedConfig c = read_json(R"({"model_type": "mistral"})");
  EXPECT_EQ(c.config.n_heads, 32);
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.hidden, 4096);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.context, 131072);
  EXPECT_EQ(c.window, 4096);
  EXPECT_EQ(c.notes.front(), "num_attention_heads absent: 32 (MistralConfig's default)");
  EXPECT_EQ(c.key_lines.count("n_heads"), 0u);  // a default has no line
}

TEST(FamilyReader, UnknownModelTypeNeedsItsHeads) {
  const InputError e = input_error_of([] { read_json(R"({"model_type": "zeta", "hidden_size": 8})"); });
  EXPECT_STREQ(e.what(),
               "inline.json:1: num_attention_heads: missing required field (accepted keys: "
               "num_attention_heads, n_head, num_heads, n_heads)");
  const LoadedConfig c = read_json(R"({"model_type": "zeta", "num_attention_heads": 4,
                                      "num_key_value_heads": 2, "hidden_size": 64})");
  EXPECT_EQ(c.family, "zeta");
  EXPECT_EQ(c.config.n_kv_heads, 2);
  EXPECT_EQ(c.notes.front(),
            "model_type zeta is not in kvcheck's family table: read with the keys most "
            "families share");
}

TEST(FamilyReader, FalconMultiQueryIsOneKvHead) {
  const LoadedConfig c = zoo("falcon-7b.json");
  EXPECT_EQ(c.config.n_heads, 71);
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.key_lines.at("n_kv_heads"), 10);  // the multi_query line
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "multi_query");
  EXPECT_EQ(c.notes.front(), "multi_query is true: one kv head (MQA)");
}

TEST(FalconRules, MultiQueryDefaultsToTrue) {
  // FalconConfig defaults multi_query to true: a file without it has one kv head.
  const LoadedConfig c = read_json(R"({"model_type": "falcon", "num_attention_heads": 8,
                                      "hidden_size": 64})");
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.notes.front(),
            "multi_query absent: true (FalconConfig's default): one kv head (MQA)");
}

TEST(FalconRules, NewArchitectureReadsItsKvCount) {
  const LoadedConfig c = zoo("falcon-40b.json");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "num_kv_heads");
}

TEST(FalconRules, OldArchitectureIgnoresItsKvCount) {
  const LoadedConfig c = read_json(R"({"model_type": "falcon", "num_attention_heads": 71,
    "num_kv_heads": 71, "multi_query": true, "new_decoder_architecture": false,
    "hidden_size": 4544})");
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.notes[1], "num_kv_heads ignored: multi_query is true");
}

TEST(FalconRules, FirstReleaseKeyNames) {
  const LoadedConfig c = read_json(R"({"model_type": "RefinedWeb", "n_head": 128, "n_head_kv": 8,
                    "hidden_size": 8192, "n_layer": 60, "new_decoder_architecture": true})");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.n_layers, 60);
  EXPECT_EQ(c.source_keys.at("n_kv_heads"), "n_head_kv");
}

TEST(FamilyReader, SantaCoderFirstReleaseIsMultiQuery) {
  const LoadedConfig c = read_json(R"({"model_type": "gpt2", "n_head": 16, "n_embd": 2048,
    "n_layer": 24, "attention_head_type": "multiquery"})");
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.notes.front(), "attention_head_type is multiquery: one kv head (MQA)");
}

TEST(FamilyReader, StarCoderMultiQuery) {
  const LoadedConfig c = zoo("starcoder.json");
  EXPECT_EQ(c.config.n_heads, 48);
  EXPECT_EQ(c.config.n_kv_heads, 1);
  EXPECT_EQ(c.context, 8192);
}

TEST(ChatGlmRules, GroupsOnlyWithMultiQueryAttention) {
  const LoadedConfig c = read_json(R"({"model_type": "chatglm", "num_attention_heads": 32,
    "multi_query_attention": true, "multi_query_group_num": 2, "kv_channels": 128,
    "hidden_size": 4096, "num_layers": 28, "seq_length": 32768})");
  EXPECT_EQ(c.config.n_kv_heads, 2);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.config.n_layers, 28);
  EXPECT_EQ(c.context, 32768);
  const LoadedConfig mha = read_json(R"({"model_type": "chatglm", "num_attention_heads": 32,
    "multi_query_group_num": 2, "hidden_size": 4096})");
  EXPECT_EQ(mha.config.n_kv_heads, 32);
  EXPECT_EQ(mha.notes.front(),
            "multi_query_attention absent: false (ChatGLMConfig's default): as many kv heads as "
            "query heads (MHA)");
}

TEST(MptRules, AttentionTypeDecides) {
  const LoadedConfig gqa = read_json(R"({"model_type": "mpt", "n_heads": 32, "d_model": 4096,
    "attn_config": {"attn_type": "grouped_query_attention", "kv_n_heads": 8}})");
  EXPECT_EQ(gqa.config.n_kv_heads, 8);
  EXPECT_EQ(gqa.source_keys.at("n_kv_heads"), "attn_config.kv_n_heads");
  const LoadedConfig mqa = read_json(R"({"model_type": "mpt", "n_heads": 32, "d_model": 4096,
    "attn_config": {"attn_type": "multiquery_attention"}})");
  EXPECT_EQ(mqa.config.n_kv_heads, 1);
  const LoadedConfig mha = read_json(R"({"model_type": "mpt", "n_heads": 32, "d_model": 4096,
    "attn_config": {"kv_n_heads": 8}})");
  EXPECT_EQ(mha.config.n_kv_heads, 32);
  EXPECT_EQ(mha.notes[1],
            "attn_config.kv_n_heads ignored: attn_config.attn_type absent: multihead_attention "
            "(MPTConfig's default)");
}

TEST(FamilyReader, DbrxKvHeadsFromAttnConfig) {
  const LoadedConfig c = read_json(R"({"model_type": "dbrx", "n_heads": 48, "d_model": 6144,
    "n_layers": 40, "max_seq_len": 32768, "attn_config": {"kv_n_heads": 8}})");
  EXPECT_EQ(c.config.n_kv_heads, 8);
  EXPECT_EQ(c.config.head_dim, 128);
  EXPECT_EQ(c.context, 32768);
}

TEST(FamilyReader, T5DecoderLayersAndDkv) {
  const LoadedConfig c = read_json(R"({"model_type": "t5", "num_heads": 12, "d_kv": 64,
    "d_model": 768, "num_layers": 12})");
  EXPECT_EQ(c.config.head_dim, 64);
  EXPECT_EQ(c.config.n_layers, 12);  // num_decoder_layers defaults to num_layers
  EXPECT_FALSE(c.context.has_value());
}

TEST(FamilyReader, MultimodalTextConfigTakesTheTextFamilysDefaults) {
  // LLaVA-1.5's config keeps only a few text keys; LlamaConfig's defaults give the rest.
  const LoadedConfig c = read_json(R"({"model_type": "llava", "text_config": {
    "max_position_embeddings": 4096, "vocab_size": 32064}, "torch_dtype": "float16"})");
  EXPECT_EQ(c.family, "llama");
  EXPECT_EQ(c.config.n_heads, 32);
  EXPECT_EQ(c.config.hidden, 4096);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.context, 4096);
  EXPECT_EQ(c.config.dtype, model::Dtype::kFloat16);
  EXPECT_EQ(c.notes.front(), "text_config.model_type absent: llama (llava's language model)");
}

TEST(FamilyReader, CrossAttentionLayersAreNotCounted) {
  const LoadedConfig c = zoo("llama-3.2-11b-vision.json");
  EXPECT_EQ(c.config.n_heads, 32);  // not the vision tower's 16
  EXPECT_EQ(c.model_layers, 40);
  EXPECT_EQ(c.config.n_layers, 32);
  EXPECT_EQ(c.source_keys.at("n_heads"), "text_config.num_attention_heads");
  EXPECT_EQ(c.source_keys.at("dtype"), "torch_dtype");
}

TEST(WindowRules, NullWindowIsNoWindow) {
  const LoadedConfig c = read_json(R"({"model_type": "mistral", "sliding_window": null})");
  EXPECT_FALSE(c.window.has_value());
  EXPECT_EQ(c.window_layers, 0);
}

TEST(WindowRules, Qwen2SlidesFromMaxWindowLayers) {
  const LoadedConfig off = read_json(R"({"model_type": "qwen2", "num_hidden_layers": 28,
    "sliding_window": 131072, "use_sliding_window": false})");
  EXPECT_FALSE(off.window.has_value());
  const LoadedConfig on = read_json(R"({"model_type": "qwen2", "num_hidden_layers": 28,
    "sliding_window": 4096, "use_sliding_window": true, "max_window_layers": 21})");
  EXPECT_EQ(on.window, 4096);
  EXPECT_EQ(on.window_layers, 7);
}

TEST(WindowRules, Gemma2EvenLayersGemma3Pattern) {
  const LoadedConfig g2 = read_json(R"({"model_type": "gemma2", "num_hidden_layers": 42,
    "sliding_window": 4096})");
  EXPECT_EQ(g2.window_layers, 21);
  const LoadedConfig g3 = read_json(R"({"model_type": "gemma3_text", "num_hidden_layers": 26,
    "sliding_window": 512, "sliding_window_pattern": 6})");
  EXPECT_EQ(g3.window, 512);
  EXPECT_EQ(g3.window_layers, 22);  // layers 5, 11, 17, 23 are global
}

TEST(LayerRules, LayerTypesListDecides) {
  const LoadedConfig c = read_json(R"({"model_type": "qwen3_next", "num_attention_heads": 16,
    "num_key_value_heads": 2, "head_dim": 256, "hidden_size": 2048, "num_hidden_layers": 4,
    "sliding_window": 128, "layer_types": ["linear_attention", "sliding_attention",
    "linear_attention", "full_attention"]})");
  EXPECT_EQ(c.model_layers, 4);
  EXPECT_EQ(c.config.n_layers, 2);
  EXPECT_EQ(c.window_layers, 1);
  const InputError e = input_error_of([] {
    read_json(R"({"model_type": "llama", "num_hidden_layers": 3, "layer_types": ["full_attention"]})");
  });
  EXPECT_STREQ(e.what(), "inline.json:1: layer_types: has 1 entries but num_hidden_layers is 3");
}

TEST(LayerRules, HybridListsOfZambaAndNemotronH) {
  const LoadedConfig zamba = read_json(R"({"model_type": "zamba", "num_attention_heads": 16,
    "num_key_value_heads": 16, "hidden_size": 3712, "attention_head_dim": 232, "num_hidden_layers": 4,
    "layers_block_type": ["mamba", "hybrid", "mamba", "hybrid"]})");
  EXPECT_EQ(zamba.config.n_layers, 2);
  const LoadedConfig nemotron = read_json(R"({"model_type": "nemotron_h", "num_attention_heads": 32,
    "num_key_value_heads": 8, "head_dim": 128, "hidden_size": 4096, "num_hidden_layers": 6,
    "hybrid_override_pattern": "M-M*-M"})");
  EXPECT_EQ(nemotron.config.n_layers, 1);
}

TEST(WindowRules, Llama4ChunkedLayersHoldOneChunk) {
  const LoadedConfig c = read_json(R"({"model_type": "llama4", "text_config": {
    "model_type": "llama4_text", "num_hidden_layers": 4, "attention_chunk_size": 8192,
    "layer_types": ["chunked_attention", "chunked_attention", "chunked_attention",
    "full_attention"]}})");
  EXPECT_EQ(c.config.n_layers, 4);
  EXPECT_EQ(c.window, 8192);
  EXPECT_EQ(c.window_layers, 3);
}

TEST(LayerRules, JambaAttendsOncePerPeriod) {
  const LoadedConfig c = read_json(R"({"model_type": "jamba", "num_hidden_layers": 32,
    "attn_layer_period": 8, "attn_layer_offset": 4, "num_attention_heads": 32,
    "num_key_value_heads": 8, "hidden_size": 4096})");
  EXPECT_EQ(c.model_layers, 32);
  EXPECT_EQ(c.config.n_layers, 4);
}

TEST(LayerRules, GriffinCountsAttentionBlocksAndCapsThem) {
  const LoadedConfig c = read_json(R"({"model_type": "recurrent_gemma", "num_hidden_layers": 26,
    "block_types": ["recurrent", "recurrent", "attention"], "attention_window_size": 2048})");
  EXPECT_EQ(c.config.n_layers, 8);
  EXPECT_EQ(c.window, 2048);
  EXPECT_EQ(c.window_layers, 8);
  // A Hawk model: recurrent blocks only.
  const NotCheckable e = not_checkable_of(
      [] { read_json(R"({"model_type": "recurrent_gemma", "_block_types": ["recurrent"]})"); });
  EXPECT_EQ(e.reason(), NotCheckable::Reason::kNoKvCache);
  EXPECT_STREQ(e.what(), "inline.json:1: recurrent_gemma: a recurrent model has no KV cache "
                         "(no attention block)");
}

TEST(LatentRules, DeepSeekCachesTheLatent) {
  const LoadedConfig c = read_json(R"({"model_type": "deepseek_v2", "num_attention_heads": 16,
    "num_key_value_heads": 16, "hidden_size": 2048, "num_hidden_layers": 27,
    "kv_lora_rank": 512, "qk_rope_head_dim": 64, "qk_nope_head_dim": 128})");
  EXPECT_EQ(c.latent_width, 576);
  EXPECT_EQ(c.config.head_dim, 192);
  EXPECT_EQ(c.config.n_kv_heads, 16);
}

TEST(Refusals, ModelsWithoutAKvCache) {
  for (const auto& [json, message] :
       {std::pair{R"({"model_type": "mamba", "hidden_size": 2560})",
                  "inline.json:1: mamba: a state-space model has no KV cache"},
        std::pair{R"({"model_type": "rwkv"})", "inline.json:1: rwkv: a recurrent model has no KV cache"},
        std::pair{R"({"model_type": "bert", "num_attention_heads": 12})",
                  "inline.json:1: bert: an encoder-only model has no KV cache"},
        std::pair{R"({"model_type": "vit"})", "inline.json:1: vit: a vision encoder has no KV cache"}}) {
    SCOPED_TRACE(json);
    // A copy: clang 14 cannot capture a structured binding in a lambda.
    const std::string text = json;
    const NotCheckable e = not_checkable_of([&] { read_json(text); });
    EXPECT_EQ(e.reason(), NotCheckable::Reason::kNoKvCache);
    EXPECT_STREQ(e.what(), message);
  }
}

TEST(FamilyReader, NameFallsBackToModelTypeThenFolder) {
  EXPECT_EQ(read_json(R"({"_name_or_path": "", "model_type": "qwen2",
                         "num_attention_heads": 2, "num_key_value_heads": 2, "hidden_size": 8})")
                .config.name,
            "qwen2");
  const Document doc = parse_json_document("models/my-model/config.json",
                                           R"({"num_attention_heads": 2, "hidden_size": 8})");
  EXPECT_EQ(read_config(doc).config.name, "my-model");
}

TEST(FamilyReader, WrongTypesAreLocated) {
  const InputError e = input_error_of([] {
    read_json(
        "{\"model_type\": \"gpt_bigcode\",\n\"n_head\": 8,\n\"n_embd\": 64,\n"
        "\"multi_query\": 1}");
  });
  EXPECT_STREQ(e.what(), "inline.json:4: multi_query: expected true or false, got 1");
  EXPECT_EQ(e.line(), 4);
  EXPECT_EQ(e.field(), "multi_query");
}

TEST(ConfigDtype, TrainingSpellings) {
  EXPECT_EQ(parse_config_dtype("amp_bf16"), model::Dtype::kBFloat16);
  EXPECT_EQ(parse_config_dtype("bf16-mixed"), model::Dtype::kBFloat16);
  EXPECT_EQ(parse_config_dtype("16-true"), model::Dtype::kFloat16);
  EXPECT_EQ(parse_config_dtype("fp32"), model::Dtype::kFloat32);
  EXPECT_EQ(parse_config_dtype("float8"), std::nullopt);
}

}  // namespace
}  // namespace kvcheck::io
