// ModelFamily: how one model family spells its attention sizes, and the defaults its config
// class documents, as data. One small engine (family_reader) reads any family from its entry;
// adding a family is adding an entry to the table in model_families.cpp.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace kvcheck::io {

/// Keys a field may be spelled with, preferred first. A key is dotted from the mapping that
/// describes the model ("attn_config.kv_n_heads"), or from the file's top level when it starts
/// with '/' ("/data.seq_len").
using KeyList = std::vector<std::string_view>;

/// One size: where to read it and the family's documented default when the file omits it.
struct FieldSpec {
  KeyList keys;
  std::optional<std::int64_t> fallback;
};

/// What kind of network a family is. Only networks that attend over the tokens they generate
/// keep a KV cache; the others are refused with `ModelFamily::why_no_cache`.
enum class Architecture { kDecoder, kEncoderDecoder, kStateSpace, kRecurrent, kVision, kEncoder };

/// How many kv heads a rule means.
enum class KvMode {
  kKeys,         ///< read `kv_heads`; absent: its fallback, else as many as query heads
  kOne,          ///< multi-query attention: one kv head
  kSameAsHeads,  ///< multi-head attention: as many as query heads
};

/// "when `key` is `value`, kv heads are `mode`". A family lists them in order and the first
/// that matches decides; an empty key always matches. `value` is compared with the scalar as
/// written ("true", "multiquery_attention"); an absent key takes `flag_defaults`' value.
struct KvSwitch {
  std::string_view key;
  std::string_view value;
  KvMode mode;
};

/// Which layers attend (and so cache keys and values).
enum class LayerRule {
  kAll,         ///< every layer
  kPeriod,      ///< layer i when i % attn_layer_period == attn_layer_offset (Jamba)
  kBlockTypes,  ///< block_types cycled over the layers; "attention" entries attend (Griffin)
  kAttentionConfig,  ///< GPT-NeoX's attention_config: [[types], repeats] pairs per layer
};

/// Which attention layers cache at most a window of tokens. A `layer_types` list in the file
/// ("sliding_attention" / "full_attention") takes precedence over every rule.
enum class WindowRule {
  kNone,
  kEveryLayer,  ///< every attention layer, when `window` is set and not null (Mistral)
  kFromLayer,   ///< layers >= max_window_layers, when use_sliding_window is true (Qwen2)
  kEvenLayers,  ///< layers 0, 2, 4, ... (Gemma 2)
  kPattern,     ///< every layer but each sliding_window_pattern-th (Gemma 3, Cohere 2)
  kAttentionLayers,  ///< every attention layer is local, always (Griffin)
};

struct WindowSpec {
  WindowRule rule = WindowRule::kNone;
  FieldSpec size;
  /// kPattern: the period and its default.
  FieldSpec pattern;
};

/// Multi-head latent attention (DeepSeek-V2/V3): the cache holds one latent of
/// kv_lora_rank + qk_rope_head_dim per token and layer, shared by every head.
struct LatentSpec {
  FieldSpec rank;       ///< kv_lora_rank
  FieldSpec rope_dim;   ///< qk_rope_head_dim
  FieldSpec nope_dim;   ///< qk_nope_head_dim: a query/key head is nope + rope wide
  FieldSpec v_dim;      ///< v_head_dim, for what caching the decompressed heads would cost
};

struct ModelFamily {
  /// As reports print it: "falcon", "chatglm".
  std::string_view name;
  /// The config format whose files this entry reads ("huggingface", "meta", "lingua", ...).
  std::string_view format = "huggingface";
  /// Whose documented defaults the fallbacks are, for notes: "FalconConfig".
  std::string_view defaults_of;
  /// Hugging Face model_type values that name this family.
  KeyList model_types;
  Architecture architecture = Architecture::kDecoder;
  /// Non-attention families: why there is no KV cache, completing "<name>: ...".
  std::string_view why_no_cache;

  FieldSpec heads;
  FieldSpec kv_heads;
  FieldSpec head_dim;
  FieldSpec hidden;
  FieldSpec layers;
  FieldSpec context;
  KeyList dtype;
  /// The dtype when the file names none, and why (completing "absent: <dtype> (...)").
  std::string_view dtype_fallback = "float32";
  std::string_view dtype_reason = "transformers loads float32 unless told otherwise";
  /// n_heads = hidden / head_dim when only head_dim is given (lingua).
  bool heads_from_head_dim = false;

  std::vector<KvSwitch> kv_switches;
  /// Values of switch keys the file omits, as the config class defaults them.
  std::vector<std::pair<std::string_view, std::string_view>> flag_defaults;

  LayerRule layer_rule = LayerRule::kAll;
  WindowSpec window;
  std::optional<LatentSpec> latent;

  /// Multimodal wrappers: the family of a text_config without its own model_type.
  std::string_view text_family;
};

/// The family whose model_types hold `model_type`, or nullptr.
const ModelFamily* find_family(std::string_view model_type);
/// The entry of a format that is not Hugging Face's ("meta", "lingua", "olmo", "llm-foundry",
/// "nanotron", "litgpt", "gpt-neox"); nullptr when there is none.
const ModelFamily* format_family(std::string_view format);
/// Hugging Face configs whose model_type is absent or not in the table: the keys most
/// families share, without defaults.
const ModelFamily& common_family();
/// Every entry, in table order.
const std::vector<ModelFamily>& model_families();

}  // namespace kvcheck::io
