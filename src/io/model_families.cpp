// The family table. Key spellings and defaults follow each family's config class (transformers'
// configuration_<model>.py and attribute_map, or the training code's argument dataclass) and
// how serving engines read them (vLLM's get_total_num_kv_heads: Falcon's multi_query and
// new_decoder_architecture, MPT/DBRX attn_config.kv_n_heads, ChatGLM multi_query_group_num).
// Only numbers that change a reading are kept; docs/config-formats.md prints the table.
#include <algorithm>
#include <tuple>

#include "kvcheck/io/model_family.hpp"

namespace kvcheck::io {
namespace {

using std::nullopt;

const KeyList kDtype = {"torch_dtype", "dtype", "/torch_dtype", "/dtype"};

/// The Hugging Face decoder layout most families share (LlamaConfig's key names), with the
/// family's own defaults.
ModelFamily llama_like(std::string_view name, std::string_view defaults_of, KeyList types,
                       std::int64_t hidden, std::int64_t heads, std::optional<std::int64_t> kv,
                       std::int64_t layers, std::optional<std::int64_t> context) {
  ModelFamily f;
  f.name = name;
  f.defaults_of = defaults_of;
  f.model_types = std::move(types);
  f.heads = {{"num_attention_heads"}, heads};
  f.kv_heads = {{"num_key_value_heads"}, kv};
  f.head_dim = {{"head_dim"}, nullopt};
  f.hidden = {{"hidden_size"}, hidden};
  f.layers = {{"num_hidden_layers"}, layers};
  f.context = {{"max_position_embeddings"}, context};
  f.dtype = kDtype;
  return f;
}

ModelFamily with_head_dim(ModelFamily f, std::int64_t head_dim) {
  f.head_dim.fallback = head_dim;
  return f;
}

ModelFamily with_window(ModelFamily f, WindowRule rule, std::optional<std::int64_t> size,
                        std::optional<std::int64_t> pattern = nullopt) {
  f.window.rule = rule;
  f.window.size = {{"sliding_window"}, size};
  f.window.pattern = {{"sliding_window_pattern"}, pattern};
  return f;
}

ModelFamily without_cache(std::string_view name, Architecture architecture,
                          std::string_view why, KeyList types) {
  ModelFamily f;
  f.name = name;
  f.architecture = architecture;
  f.why_no_cache = why;
  f.model_types = std::move(types);
  return f;
}

ModelFamily multimodal(std::string_view name, KeyList types, std::string_view text_family) {
  ModelFamily f = llama_like(name, "", std::move(types), 0, 0, nullopt, 0, nullopt);
  f.heads.fallback = f.hidden.fallback = f.layers.fallback = nullopt;
  f.text_family = text_family;
  return f;
}

std::vector<ModelFamily> build_table() {
  std::vector<ModelFamily> t;
  // Llama and the families that kept its layout.
  t.push_back(llama_like("llama", "LlamaConfig", {"llama", "deepseek", "yi"}, 4096, 32, nullopt,
                         32, 2048));
  t.push_back(llama_like("mllama_text_model", "MllamaTextConfig", {"mllama_text_model"}, 4096, 32,
                         8, 40, 131072));
  t.push_back(llama_like("llama4_text", "Llama4TextConfig", {"llama4_text"}, 5120, 40, 8, 48,
                         4096 * 32));
  t.back().head_dim.fallback = 128;
  t.push_back(llama_like("granite", "GraniteConfig", {"granite"}, 4096, 32, nullopt, 32, 2048));
  t.push_back(llama_like("internlm2", "InternLM2Config", {"internlm2", "internlm"}, 4096, 32,
                         nullopt, 32, 2048));
  t.push_back(llama_like("baichuan", "BaichuanConfig", {"baichuan"}, 4096, 32, nullopt, 32, 4096));
  t.back().context.keys = {"max_position_embeddings", "model_max_length"};
  t.push_back(llama_like("olmo", "OlmoConfig", {"olmo", "olmo2", "olmoe"}, 4096, 32, nullopt, 32,
                         2048));
  t.push_back(llama_like("cohere", "CohereConfig", {"cohere"}, 8192, 64, nullopt, 40, 8192));
  t.push_back(with_window(
      llama_like("cohere2", "Cohere2Config", {"cohere2"}, 8192, 64, nullopt, 40, 8192),
      WindowRule::kPattern, 4096, 4));
  t.push_back(llama_like("stablelm", "StableLmConfig", {"stablelm", "stablelm_epoch"}, 2560, 32,
                         32, 32, 4096));
  t.push_back(with_window(
      llama_like("mistral", "MistralConfig", {"mistral"}, 4096, 32, 8, 32, 4096 * 32),
      WindowRule::kEveryLayer, 4096));
  t.push_back(with_window(
      llama_like("mixtral", "MixtralConfig", {"mixtral"}, 4096, 32, 8, 32, 4096 * 32),
      WindowRule::kEveryLayer, nullopt));
  t.push_back(with_window(
      llama_like("starcoder2", "Starcoder2Config", {"starcoder2"}, 3072, 24, 2, 30, 4096),
      WindowRule::kEveryLayer, nullopt));
  t.push_back(with_window(llama_like("phi3", "Phi3Config", {"phi3", "phimoe"}, 3072, 32, nullopt,
                                     32, 4096),
                          WindowRule::kEveryLayer, nullopt));
  t.push_back(llama_like("phi", "PhiConfig", {"phi"}, 2048, 32, nullopt, 24, 2048));
  t.push_back(with_head_dim(
      llama_like("glm", "GlmConfig", {"glm", "glm4"}, 4096, 32, 2, 40, 131072), 128));
  {
    // Qwen (the first release, remote code): kv_channels per head, seq_length as context.
    ModelFamily f = llama_like("qwen", "QWenConfig", {"qwen"}, 4096, 32, nullopt, 32, 8192);
    f.head_dim = {{"kv_channels"}, 128};
    f.context.keys = {"seq_length", "max_position_embeddings"};
    t.push_back(std::move(f));
  }
  for (auto [name, defaults, type, hidden, heads, kv, layers] :
       {std::tuple{"qwen2", "Qwen2Config", "qwen2", 4096, 32, 32, 32},
        std::tuple{"qwen2_moe", "Qwen2MoeConfig", "qwen2_moe", 2048, 16, 16, 24},
        std::tuple{"qwen2_vl", "Qwen2VLConfig", "qwen2_vl", 8192, 64, 8, 80},
        std::tuple{"qwen2_5_vl", "Qwen2_5_VLConfig", "qwen2_5_vl", 8192, 64, 8, 80}}) {
    t.push_back(with_window(llama_like(name, defaults, {type}, hidden, heads, kv, layers, 32768),
                            WindowRule::kFromLayer, 4096));
  }
  t.push_back(with_head_dim(llama_like("qwen3", "Qwen3Config", {"qwen3"}, 4096, 32, 32, 32, 32768),
                            128));
  t.push_back(with_head_dim(
      llama_like("qwen3_moe", "Qwen3MoeConfig", {"qwen3_moe"}, 2048, 32, 4, 24, 32768), 128));
  t.push_back(with_head_dim(
      llama_like("gemma", "GemmaConfig", {"gemma"}, 3072, 16, 16, 28, 8192), 256));
  t.push_back(with_window(
      with_head_dim(llama_like("gemma2", "Gemma2Config", {"gemma2"}, 2304, 8, 4, 26, 8192), 256),
      WindowRule::kEvenLayers, 4096));
  t.push_back(with_window(with_head_dim(llama_like("gemma3_text", "Gemma3TextConfig",
                                                   {"gemma3_text"}, 2304, 8, 4, 26, 131072),
                                        256),
                          WindowRule::kPattern, 4096, 6));
  t.push_back(with_window(with_head_dim(llama_like("gpt_oss", "GptOssConfig", {"gpt_oss"}, 2880,
                                                   64, 8, 36, 131072),
                                        64),
                          WindowRule::kPattern, 128, 2));
  {
    // Jamba: a Mamba hybrid; one layer in attn_layer_period attends.
    ModelFamily f = llama_like("jamba", "JambaConfig", {"jamba"}, 4096, 32, 8, 32, 262144);
    f.layer_rule = LayerRule::kPeriod;
    t.push_back(std::move(f));
  }
  {
    // Griffin: recurrent blocks with local attention every third block.
    ModelFamily f = with_head_dim(llama_like("recurrent_gemma", "RecurrentGemmaConfig",
                                             {"recurrent_gemma"}, 2560, 10, 1, 26, nullopt),
                                  256);
    f.layer_rule = LayerRule::kBlockTypes;
    f.window = {WindowRule::kAttentionLayers, {{"attention_window_size"}, 2048}, {}};
    t.push_back(std::move(f));
  }
  for (auto [name, defaults, type, hidden, heads, layers, context] :
       {std::tuple{"deepseek_v2", "DeepseekV2Config", "deepseek_v2", 5120, 128, 60, 2048},
        std::tuple{"deepseek_v3", "DeepseekV3Config", "deepseek_v3", 7168, 128, 61, 4096}}) {
    ModelFamily f = llama_like(name, defaults, {type}, hidden, heads, heads, layers, context);
    f.latent = LatentSpec{{{"kv_lora_rank"}, 512}, {{"qk_rope_head_dim"}, 64},
                          {{"qk_nope_head_dim"}, 128}, {{"v_head_dim"}, 128}};
    t.push_back(std::move(f));
  }
  {
    // Falcon: multi_query (default true) means one kv head unless new_decoder_architecture,
    // which reads num_kv_heads (the first release called it n_head_kv).
    ModelFamily f = llama_like("falcon", "FalconConfig", {"falcon", "RefinedWeb", "RefinedWebModel"},
                               4544, 71, nullopt, 32, 2048);
    f.heads.keys = {"num_attention_heads", "n_head"};
    f.kv_heads.keys = {"num_kv_heads", "n_head_kv"};
    f.hidden.keys = {"hidden_size", "n_embd"};
    f.layers.keys = {"num_hidden_layers", "n_layer"};
    f.kv_switches = {{"new_decoder_architecture", "true", KvMode::kKeys},
                     {"multi_query", "true", KvMode::kOne}};
    f.flag_defaults = {{"multi_query", "true"}, {"new_decoder_architecture", "false"}};
    t.push_back(std::move(f));
  }
  for (auto [name, defaults, type, hidden, heads, layers, context] :
       {std::tuple{"gpt2", "GPT2Config", "gpt2", 768, 12, 12, 1024},
        std::tuple{"gpt_bigcode", "GPTBigCodeConfig", "gpt_bigcode", 768, 12, 12, 1024},
        std::tuple{"gptj", "GPTJConfig", "gptj", 4096, 16, 28, 2048}}) {
    ModelFamily f;
    f.name = name;
    f.defaults_of = defaults;
    f.model_types = {type};
    f.heads = {{"n_head", "num_attention_heads"}, heads};
    f.kv_heads = {{}, nullopt};
    f.head_dim = {{"head_dim"}, nullopt};
    f.hidden = {{"n_embd", "hidden_size"}, hidden};
    f.layers = {{"n_layer", "num_hidden_layers"}, layers};
    f.context = {{"n_positions", "max_position_embeddings"}, context};
    f.dtype = kDtype;
    if (std::string_view(type) == "gpt2") {
      // SantaCoder's first release: GPT-2 keys with attention_head_type "multiquery".
      f.kv_switches = {{"attention_head_type", "multiquery", KvMode::kOne}};
    }
    if (std::string_view(type) == "gpt_bigcode") {
      f.kv_switches = {{"multi_query", "true", KvMode::kOne}};
      f.flag_defaults = {{"multi_query", "true"}};
    }
    t.push_back(std::move(f));
  }
  t.push_back(llama_like("gpt_neox", "GPTNeoXConfig", {"gpt_neox", "gpt_neox_japanese"}, 6144, 64,
                         nullopt, 44, 2048));
  t.push_back(llama_like("opt", "OPTConfig", {"opt"}, 768, 12, nullopt, 12, 2048));
  {
    ModelFamily f = llama_like("gpt_neo", "GPTNeoConfig", {"gpt_neo"}, 2048, 8, nullopt, 24, 2048);
    f.heads.keys = {"num_heads", "num_attention_heads"};
    f.layers.keys = {"num_layers", "num_hidden_layers"};
    t.push_back(std::move(f));
  }
  {
    // BLOOM uses ALiBi: no position table, so no context length in the file.
    ModelFamily f = llama_like("bloom", "BloomConfig", {"bloom"}, 64, 8, nullopt, 2, nullopt);
    f.heads.keys = {"n_head", "num_attention_heads"};
    f.hidden.keys = {"hidden_size", "n_embed"};
    f.layers.keys = {"n_layer", "num_hidden_layers"};
    f.context.keys = {"seq_length"};
    t.push_back(std::move(f));
  }
  {
    // MixFormer (phi-1.5 and phi-2 before transformers had PhiConfig).
    ModelFamily f = llama_like("phi-msft", "MixFormerSequentialConfig",
                               {"phi-msft", "mixformer-sequential"}, 1024, 16, nullopt, 20, 2048);
    f.heads.keys = {"n_head"};
    f.kv_heads.keys = {"n_head_kv"};
    f.hidden.keys = {"n_embd"};
    f.layers.keys = {"n_layer"};
    f.context.keys = {"n_positions"};
    t.push_back(std::move(f));
  }
  {
    // ChatGLM: grouped kv heads only when multi_query_attention is true.
    ModelFamily f = llama_like("chatglm", "ChatGLMConfig", {"chatglm"}, 4096, 32, 1, 28, 2048);
    f.kv_heads.keys = {"multi_query_group_num"};
    f.head_dim = {{"kv_channels"}, 128};
    f.layers.keys = {"num_layers"};
    f.context.keys = {"seq_length"};
    f.kv_switches = {{"multi_query_attention", "true", KvMode::kKeys},
                     {"", "", KvMode::kSameAsHeads}};
    f.flag_defaults = {{"multi_query_attention", "false"}};
    t.push_back(std::move(f));
  }
  {
    // MPT, in config.json and in llm-foundry YAML: attn_config.attn_type decides, as
    // llm-foundry's attention builder does (kv_n_heads only counts for grouped queries).
    ModelFamily f;
    f.name = "mpt";
    f.defaults_of = "MPTConfig";
    f.model_types = {"mpt"};
    f.heads = {{"n_heads"}, 16};
    f.kv_heads = {{"attn_config.kv_n_heads"}, 1};
    f.head_dim = {{}, nullopt};
    f.hidden = {{"d_model"}, 2048};
    f.layers = {{"n_layers"}, 24};
    f.context = {{"max_seq_len", "/max_seq_len", "/variables.max_seq_len"}, 2048};
    f.dtype = {"torch_dtype", "/torch_dtype", "/precision"};
    f.kv_switches = {{"attn_config.attn_type", "multiquery_attention", KvMode::kOne},
                     {"attn_config.attn_type", "grouped_query_attention", KvMode::kKeys},
                     {"", "", KvMode::kSameAsHeads}};
    f.flag_defaults = {{"attn_config.attn_type", "multihead_attention"}};
    t.push_back(f);
    f.name = "dbrx";
    f.defaults_of = "DbrxConfig";
    f.model_types = {"dbrx"};
    f.kv_switches.clear();
    f.flag_defaults.clear();
    f.context.keys = {"max_seq_len"};
    t.push_back(std::move(f));
  }
  for (auto [name, defaults, types, heads_key, hidden_key, layers_key, context_key, head_dim,
             hidden, heads, layers] :
       {std::tuple{"t5", "T5Config", KeyList{"t5", "mt5", "umt5"}, "num_heads", "d_model",
                   "num_decoder_layers", "n_positions", 64, 512, 8, 6},
        std::tuple{"bart", "BartConfig", KeyList{"bart", "mbart", "marian", "pegasus"},
                   "decoder_attention_heads", "d_model", "decoder_layers",
                   "max_position_embeddings", 0, 1024, 16, 12},
        std::tuple{"whisper", "WhisperConfig", KeyList{"whisper"}, "decoder_attention_heads",
                   "d_model", "decoder_layers", "max_target_positions", 0, 384, 6, 4}}) {
    ModelFamily f;
    f.name = name;
    f.defaults_of = defaults;
    f.model_types = types;
    f.architecture = Architecture::kEncoderDecoder;
    f.heads = {{heads_key}, heads};
    f.kv_heads = {{}, nullopt};
    f.head_dim = {{"d_kv"}, head_dim > 0 ? std::optional<std::int64_t>(head_dim) : nullopt};
    if (head_dim == 0) f.head_dim.keys.clear();
    f.hidden = {{hidden_key}, hidden};
    // T5 defaults num_decoder_layers to num_layers.
    f.layers = {{layers_key, "num_layers"}, layers};
    f.context = {{context_key}, nullopt};
    f.dtype = kDtype;
    t.push_back(std::move(f));
  }

  // Multimodal wrappers: the language model is text_config; absent keys take the text
  // family's defaults.
  t.push_back(multimodal("llava", {"llava", "llava_next", "vipllava", "video_llava"}, "llama"));
  t.push_back(multimodal("llava_onevision", {"llava_onevision"}, "qwen2"));
  t.push_back(multimodal("mllama", {"mllama"}, "mllama_text_model"));
  t.push_back(multimodal("llama4", {"llama4"}, "llama4_text"));
  t.push_back(multimodal("gemma3", {"gemma3"}, "gemma3_text"));
  t.push_back(multimodal("paligemma", {"paligemma"}, "gemma"));
  t.push_back(multimodal("idefics2", {"idefics2"}, "mistral"));
  t.push_back(multimodal("idefics3", {"idefics3"}, "llama"));
  t.push_back(multimodal("mistral3", {"mistral3"}, "mistral"));

  // No KV cache.
  t.push_back(without_cache("mamba", Architecture::kStateSpace,
                            "a state-space model has no KV cache",
                            {"mamba", "mamba2", "falcon_mamba"}));
  t.push_back(without_cache("rwkv", Architecture::kRecurrent, "a recurrent model has no KV cache",
                            {"rwkv", "rwkv5", "rwkv6", "rwkv7", "xlstm"}));
  t.push_back(without_cache("vision", Architecture::kVision, "a vision encoder has no KV cache",
                            {"vit", "clip_vision_model", "siglip_vision_model", "dinov2", "deit",
                             "beit", "swin", "convnext", "vit_mae", "clip", "siglip"}));
  t.push_back(without_cache("encoder", Architecture::kEncoder,
                            "an encoder-only model has no KV cache",
                            {"bert", "roberta", "xlm-roberta", "distilbert", "deberta",
                             "deberta-v2", "electra", "albert", "modernbert", "camembert"}));

  // Formats other than Hugging Face's, each describing one family.
  {
    ModelFamily f;
    f.name = "llama";
    f.format = "meta";
    f.defaults_of = "Meta's ModelArgs";
    f.heads = {{"n_heads"}, 32};
    // torchchat and gpt-fast call the kv heads n_local_heads.
    f.kv_heads = {{"n_kv_heads", "n_local_heads"}, nullopt};
    f.head_dim = {{"head_dim"}, nullopt};
    f.hidden = {{"dim"}, 4096};
    f.layers = {{"n_layers"}, 32};
    // params.json gives none (the reference code takes it as an argument); ExecuTorch's
    // max_context_len is the cache's size, torchchat's block_size its capacity.
    f.context = {{"max_context_len", "max_seq_len", "block_size"}, nullopt};
    f.dtype = {"dtype"};
    f.dtype_fallback = "bfloat16";
    f.dtype_reason = "Meta's checkpoints are stored in bfloat16";
    t.push_back(std::move(f));
  }
  {
    ModelFamily f;
    f.name = "lingua";
    f.format = "lingua";
    f.defaults_of = "lingua's BaseTransformerArgs";
    f.heads = {{"n_heads"}, nullopt};
    f.kv_heads = {{"n_kv_heads"}, nullopt};
    f.head_dim = {{"head_dim"}, nullopt};
    f.hidden = {{"dim"}, 512};
    f.layers = {{"n_layers"}, 8};
    // lingua's train.py sets model.max_seqlen from data.seq_len.
    f.context = {{"/data.seq_len", "max_seqlen"}, 1024};
    f.dtype = {"/distributed.model_dtype"};
    f.dtype_fallback = "bfloat16";
    f.dtype_reason = "lingua's default";
    f.heads_from_head_dim = true;
    t.push_back(std::move(f));
  }
  {
    ModelFamily f;
    f.name = "olmo";
    f.format = "olmo";
    f.defaults_of = "OLMo's ModelConfig";
    f.heads = {{"n_heads"}, 12};
    f.kv_heads = {{"n_kv_heads"}, nullopt};
    f.head_dim = {{}, nullopt};
    f.hidden = {{"d_model"}, 768};
    f.layers = {{"n_layers"}, 12};
    f.context = {{"max_sequence_length"}, 1024};
    f.dtype = {"/precision"};
    f.kv_switches = {{"multi_query_attention", "true", KvMode::kOne}};
    t.push_back(std::move(f));
  }
  {
    ModelFamily f = *std::find_if(t.begin(), t.end(), [](const ModelFamily& e) {
      return e.name == "mpt";
    });
    f.format = "llm-foundry";
    f.model_types.clear();
    f.dtype = {"/precision"};
    t.push_back(std::move(f));
  }
  {
    ModelFamily f = llama_like("llama", "nanotron's LlamaConfig", {}, 4096, 32, nullopt, 32, 2048);
    f.format = "nanotron";
    f.context.keys = {"max_position_embeddings", "/tokens.sequence_length"};
    f.dtype = {"/model.dtype"};
    t.push_back(std::move(f));
  }
  {
    ModelFamily f;
    f.name = "litgpt";
    f.format = "litgpt";
    f.defaults_of = "litgpt's Config";
    f.heads = {{"n_head"}, 32};
    f.kv_heads = {{"n_query_groups"}, nullopt};
    f.head_dim = {{"head_size"}, nullopt};
    f.hidden = {{"n_embd"}, 4096};
    f.layers = {{"n_layer"}, 16};
    f.context = {{"block_size"}, 4096};
    f.dtype = {"/precision"};
    t.push_back(std::move(f));
  }
  {
    // GPT-NeoX's YAML takes dashes and underscores alike; attention-config says which layers
    // attend.
    ModelFamily f;
    f.name = "gpt_neox";
    f.format = "gpt-neox";
    f.defaults_of = "GPT-NeoX's NeoXArgs";
    f.heads = {{"num_attention_heads", "num-attention-heads"}, nullopt};
    f.kv_heads = {{"num_kv_heads", "num-kv-heads"}, nullopt};
    f.head_dim = {{}, nullopt};
    f.hidden = {{"hidden_size", "hidden-size"}, nullopt};
    f.layers = {{"num_layers", "num-layers"}, nullopt};
    f.context = {{"max_position_embeddings", "max-position-embeddings", "seq_length", "seq-length"},
                 nullopt};
    // precision, else an fp16: or bf16: block with enabled: true.
    f.dtype = {"precision", "fp16.enabled", "bf16.enabled"};
    f.layer_rule = LayerRule::kAttentionConfig;
    t.push_back(std::move(f));
  }
  return t;
}

}  // namespace

const std::vector<ModelFamily>& model_families() {
  static const std::vector<ModelFamily> table = build_table();
  return table;
}

const ModelFamily* find_family(std::string_view model_type) {
  for (const ModelFamily& f : model_families()) {
    if (f.format != "huggingface") continue;
    if (std::find(f.model_types.begin(), f.model_types.end(), model_type) != f.model_types.end()) {
      return &f;
    }
  }
  return nullptr;
}

const ModelFamily* format_family(std::string_view format) {
  for (const ModelFamily& f : model_families()) {
    if (f.format == format && format != "huggingface") return &f;
  }
  return nullptr;
}

const ModelFamily& common_family() {
  static const ModelFamily common = [] {
    ModelFamily f;
    f.name = "";
    f.heads = {{"num_attention_heads", "n_head", "num_heads", "n_heads"}, nullopt};
    f.kv_heads = {{"num_key_value_heads", "num_kv_heads", "n_head_kv", "multi_query_group_num"},
                  nullopt};
    f.head_dim = {{"head_dim", "kv_channels", "d_kv"}, nullopt};
    f.hidden = {{"hidden_size", "n_embd", "d_model", "dim"}, nullopt};
    f.layers = {{"num_hidden_layers", "n_layer", "num_layers", "n_layers"}, nullopt};
    f.context = {{"max_position_embeddings", "n_positions", "max_seq_len", "seq_length",
                  "max_sequence_length"},
                 nullopt};
    f.dtype = kDtype;
    f.kv_switches = {{"multi_query", "true", KvMode::kOne}};
    f.window = {WindowRule::kEveryLayer, {{"sliding_window"}, nullopt}, {}};
    return f;
  }();
  return common;
}

}  // namespace kvcheck::io
