// The family engine: every size read through the family's keys, defaults and rules, each
// assumption written down as a note that names the key it looked for.
#include "kvcheck/io/family_reader.hpp"

#include <algorithm>
#include <cctype>

#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

/// A key of the table found in the file: the mapping holding it, that mapping's dotted path,
/// and the member itself (nullptr when the mapping is there but the key is not).
struct Found {
  const Node* parent = nullptr;
  std::string parent_path;
  std::string leaf;
  const Node* member = nullptr;
};

std::string joined(const std::string& prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : prefix + "." + std::string(key);
}

/// How many of layers 0 .. n-1 get entry j of a list of `period` entries repeated over them.
std::int64_t cycled_count(std::int64_t n, std::size_t j, std::size_t period) {
  const auto jj = static_cast<std::int64_t>(j);
  const auto p = static_cast<std::int64_t>(period);
  return jj < n ? (n - 1 - jj) / p + 1 : 0;
}

class Engine {
 public:
  Engine(const Document& doc, const Node& model, const std::string& prefix,
         const ModelFamily& family, LoadedConfig& out)
      : doc_(doc), model_(model), prefix_(prefix), family_(family), out_(out) {}

  void run();

 private:
  /// The key `key` of the table in the file; `with_null` keeps an explicit null.
  Found locate(std::string_view key, bool with_null = false) const {
    Found f;
    std::string_view rest = key;
    const Node* map = &model_;
    f.parent_path = prefix_;
    if (!rest.empty() && rest.front() == '/') {
      rest.remove_prefix(1);
      map = &doc_.root;
      f.parent_path.clear();
    }
    for (std::size_t dot = rest.find('.'); dot != std::string_view::npos; dot = rest.find('.')) {
      const std::string_view segment = rest.substr(0, dot);
      const Node* child = map->find_value(segment);
      if (child == nullptr || !child->is_map()) return f;
      f.parent_path = joined(f.parent_path, segment);
      map = child;
      rest.remove_prefix(dot + 1);
    }
    f.parent = map;
    f.leaf = std::string(rest);
    f.member = with_null ? map->find(rest) : map->find_value(rest);
    return f;
  }

  /// The first of `keys` present (not null) in the file.
  Found first(const KeyList& keys) const {
    for (std::string_view key : keys) {
      Found f = locate(key);
      if (f.member != nullptr) return f;
    }
    return {};
  }

  /// How a key of the table is spelled in messages: dotted from the top level.
  std::string spelling(std::string_view key) const {
    if (!key.empty() && key.front() == '/') return std::string(key.substr(1));
    return joined(prefix_, key);
  }
  std::string spelling(const KeyList& keys) const {
    return keys.empty() ? std::string("(no key)") : spelling(keys.front());
  }

  FieldReader reader(const Found& f) const { return FieldReader(doc_, *f.parent, f.parent_path, out_); }

  std::optional<std::int64_t> positive(std::string_view field, const KeyList& keys) const {
    const Found f = first(keys);
    if (f.member == nullptr) return std::nullopt;
    return reader(f).positive(field, {f.leaf});
  }

  std::string defaults_of() const {
    return family_.defaults_of.empty() ? std::string("the family") : std::string(family_.defaults_of);
  }

  /// The value of `spec` from the file, else its fallback (with a note), else nullopt.
  std::optional<std::int64_t> with_default(std::string_view field, const FieldSpec& spec) {
    if (auto v = positive(field, spec.keys)) return v;
    if (spec.fallback && !spec.keys.empty()) {
      note(spelling(spec.keys) + " absent: " + std::to_string(*spec.fallback) + " (" +
           defaults_of() + "'s default)");
    }
    return spec.fallback;
  }

  [[noreturn]] void missing(const KeyList& keys, const std::string& why) const {
    const std::string also =
        why.empty() ? (keys.size() > 1 ? " (accepted keys: " + join_keys(keys) + ")" : "") : why;
    throw InputError(doc_.path, model_.line, spelling(keys), "missing required field" + also);
  }

  std::string join_keys(const KeyList& keys) const {
    std::vector<std::string> names;
    for (std::string_view k : keys) names.push_back(spelling(k));
    return join_names(names);
  }

  void note(std::string text) { out_.notes.push_back(std::move(text)); }

  [[noreturn]] void no_cache(const std::string& why, int line) const {
    throw NotCheckable(doc_.path, line, NotCheckable::Reason::kNoKvCache,
                       out_.family + ": " + why);
  }

  /// The value a switch key takes when the file omits it, as the config class defaults it.
  std::optional<std::string_view> flag_default(std::string_view key) const {
    for (const auto& [k, v] : family_.flag_defaults) {
      if (k == key) return v;
    }
    return std::nullopt;
  }
  /// "multi_query is true", "multi_query absent: true (FalconConfig's default)", or
  /// "multi_query absent": what switch key `key` (found as `f`) held, for notes.
  std::string switch_state(std::string_view key, const Found& f) const {
    if (f.member != nullptr) return spelling(key) + " is " + f.member->text;
    if (auto d = flag_default(key)) {
      return spelling(key) + " absent: " + std::string(*d) + " (" + defaults_of() + "'s default)";
    }
    return spelling(key) + " absent";
  }

  void read_heads();
  void read_kv_heads();
  void read_widths();
  void read_layers();
  void read_window();
  void read_context();
  void read_dtype();

  /// What a per-layer list in the file says: layer_types (transformers), layers_block_type
  /// (Zamba), hybrid_override_pattern (Nemotron-H).
  struct PerLayer {
    const Node* member = nullptr;
    std::string key;
    std::int64_t count = 0;
    std::int64_t full = 0;
    std::int64_t sliding = 0;
    std::int64_t chunked = 0;
  };
  std::optional<PerLayer> per_layer_list() const;

  /// A list member of the model mapping (or nullptr), checked to be a list.
  const Node* list_member(std::string_view key) const;

  const Document& doc_;
  const Node& model_;
  const std::string& prefix_;
  const ModelFamily& family_;
  LoadedConfig& out_;

  std::optional<std::int64_t> head_dim_;
  std::optional<std::int64_t> hidden_;
  /// Sliding-window and chunked layers by a per-layer list, when the file has one.
  std::optional<std::int64_t> listed_sliding_;
  std::int64_t listed_chunked_ = 0;
};

void Engine::read_heads() {
  model::AttentionConfig& c = out_.config;
  if (!family_.latent) head_dim_ = positive("head_dim", family_.head_dim.keys);
  hidden_ = positive("hidden", family_.hidden.keys);
  if (auto heads = positive("n_heads", family_.heads.keys)) {
    c.n_heads = *heads;
    return;
  }
  if (family_.heads_from_head_dim && head_dim_) {
    const std::int64_t hidden = hidden_.value_or(family_.hidden.fallback.value_or(0));
    if (hidden % *head_dim_ != 0 || hidden < *head_dim_) {
      throw InputError(doc_.path, out_.key_lines.at("head_dim"), spelling(family_.head_dim.keys),
                       spelling(family_.hidden.keys) + " (" + std::to_string(hidden) +
                           ") must be a multiple of " + spelling(family_.head_dim.keys) + " (" +
                           std::to_string(*head_dim_) + ")");
    }
    c.n_heads = hidden / *head_dim_;
    note(spelling(family_.heads.keys) + " absent: taken as " + spelling(family_.hidden.keys) +
         " / " + spelling(family_.head_dim.keys) + " = " + std::to_string(c.n_heads));
    return;
  }
  if (!family_.heads.fallback) {
    missing(family_.heads.keys, family_.heads_from_head_dim
                                    ? " (" + out_.format + " needs n_heads or head_dim)"
                                    : "");
  }
  c.n_heads = *with_default("n_heads", family_.heads);
}

void Engine::read_kv_heads() {
  model::AttentionConfig& c = out_.config;
  KvMode mode = KvMode::kKeys;
  std::string because;  // "multi_query is true", "multi_query absent: true (FalconConfig's default)"
  for (const KvSwitch& sw : family_.kv_switches) {
    if (sw.key.empty()) {
      // The catch-all: say what the first switch's key held, which is why none matched.
      mode = sw.mode;
      const KvSwitch& head = family_.kv_switches.front();
      if (!head.key.empty()) because = switch_state(head.key, locate(head.key));
      break;
    }
    const Found f = locate(sw.key);
    std::string value;
    if (f.member != nullptr) {
      FieldReader r = reader(f);
      if (sw.value == "true" || sw.value == "false") {
        value = *r.boolean("", {f.leaf}) ? "true" : "false";
      } else {
        value = r.label("", {f.leaf}).value_or("");
      }
    } else {
      const std::optional<std::string_view> d = flag_default(sw.key);
      if (!d) continue;
      value = std::string(*d);
    }
    if (value != sw.value) continue;
    mode = sw.mode;
    because = switch_state(sw.key, f);
    if (f.member != nullptr && mode != KvMode::kKeys) reader(f).record("n_kv_heads", *f.member);
    break;
  }
  const Found kv = first(family_.kv_heads.keys);
  switch (mode) {
    case KvMode::kOne:
      c.n_kv_heads = 1;
      note(because + ": one kv head (MQA)");
      if (kv.member != nullptr) {
        note(joined(kv.parent_path, kv.leaf) + " ignored: " + because);
      }
      return;
    case KvMode::kSameAsHeads:
      c.n_kv_heads = c.n_heads;
      note(because + ": as many kv heads as query heads (MHA)");
      if (kv.member != nullptr) {
        note(joined(kv.parent_path, kv.leaf) + " ignored: " + because);
      }
      return;
    case KvMode::kKeys:
      break;
  }
  if (kv.member != nullptr) {
    c.n_kv_heads = *reader(kv).positive("n_kv_heads", {kv.leaf});
    return;
  }
  const std::string key = family_.kv_heads.keys.empty() ? std::string("num_key_value_heads")
                                                        : spelling(family_.kv_heads.keys);
  if (family_.kv_heads.fallback) {
    c.n_kv_heads = *family_.kv_heads.fallback;
    note(key + " absent: " + std::to_string(c.n_kv_heads) + " (" + defaults_of() + "'s default)");
  } else {
    c.n_kv_heads = c.n_heads;
    note(key + " absent: taken as " + spelled(out_, "n_heads", spelling(family_.heads.keys)) +
         " (MHA)");
  }
}

void Engine::read_widths() {
  model::AttentionConfig& c = out_.config;
  if (family_.latent) {
    const LatentSpec& l = *family_.latent;
    const std::int64_t rank = *with_default("", l.rank);
    const std::int64_t rope = *with_default("", l.rope_dim);
    const std::int64_t nope = *with_default("head_dim", l.nope_dim);
    const std::int64_t v_dim = *with_default("", l.v_dim);
    c.head_dim = nope + rope;
    out_.latent_width = rank + rope;
    note("multi-head latent attention: the cache holds one latent of " +
         spelling(l.rank.keys) + " + " + spelling(l.rope_dim.keys) + " = " +
         std::to_string(*out_.latent_width) +
         " per token and layer, shared by every head; the properties are checked on the "
         "decompressed heads (head_dim = " + spelling(l.nope_dim.keys) + " + " +
         spelling(l.rope_dim.keys) + " = " + std::to_string(c.head_dim) +
         "); code that caches the decompressed keys and values instead (transformers' eager "
         "attention) holds n_heads * (" + std::to_string(c.head_dim) + " + " +
         std::to_string(v_dim) + ") per token and layer");
  }
  if (hidden_) {
    c.hidden = *hidden_;
  } else if (family_.hidden.fallback) {
    c.hidden = *with_default("hidden", family_.hidden);
  } else if (head_dim_) {
    c.hidden = c.n_heads * *head_dim_;
    note(spelling(family_.hidden.keys) + " absent: taken as n_heads * head_dim = " +
         std::to_string(c.hidden));
  } else if (!family_.latent) {
    missing(family_.hidden.keys, "");
  }
  if (family_.latent) return;
  if (head_dim_) {
    c.head_dim = *head_dim_;
  } else if (family_.head_dim.fallback) {
    c.head_dim = *with_default("head_dim", family_.head_dim);
  } else {
    const std::string head_dim_key =
        family_.head_dim.keys.empty() ? joined(prefix_, "head_dim") : spelling(family_.head_dim.keys);
    derive_head_dim(doc_, out_, spelling(family_.hidden.keys), head_dim_key);
  }
}

std::optional<Engine::PerLayer> Engine::per_layer_list() const {
  PerLayer p;
  if (const Node* types = list_member("layer_types")) {
    // transformers: full_attention / sliding_attention / chunked_attention attend;
    // linear_attention, mamba, conv and the like keep no KV cache.
    p.member = types;
    p.key = joined(prefix_, "layer_types");
    for (const Node& t : types->children) {
      p.full += t.text == "full_attention" || t.text == "attention" ? 1 : 0;
      p.sliding += t.text == "sliding_attention" ? 1 : 0;
      p.chunked += t.text == "chunked_attention" ? 1 : 0;
    }
    p.count = static_cast<std::int64_t>(types->children.size());
    return p;
  }
  if (const Node* blocks = list_member("layers_block_type")) {
    // Zamba: "mamba" blocks, and "hybrid" blocks that add the shared attention.
    p.member = blocks;
    p.key = joined(prefix_, "layers_block_type");
    for (const Node& b : blocks->children) {
      p.full += b.text == "hybrid" || b.text == "attention" ? 1 : 0;
    }
    p.count = static_cast<std::int64_t>(blocks->children.size());
    return p;
  }
  if (const Node* pattern = model_.find_value("hybrid_override_pattern")) {
    // Nemotron-H: one character per layer, '*' for attention ('M' Mamba, '-' MLP).
    if (pattern->kind != Node::Kind::kString) {
      FieldReader(doc_, model_, prefix_, out_)
          .fail(*pattern, "expected a string, got " + describe(*pattern));
    }
    p.member = pattern;
    p.key = joined(prefix_, "hybrid_override_pattern");
    p.full = static_cast<std::int64_t>(std::count(pattern->text.begin(), pattern->text.end(), '*'));
    p.count = static_cast<std::int64_t>(pattern->text.size());
    return p;
  }
  return std::nullopt;
}

const Node* Engine::list_member(std::string_view key) const {
  const Node* member = model_.find_value(key);
  if (member == nullptr) return nullptr;
  if (member->kind != Node::Kind::kList) {
    FieldReader(doc_, model_, prefix_, out_).fail(*member, "expected a list, got " + describe(*member));
  }
  return member;
}

void Engine::read_layers() {
  model::AttentionConfig& c = out_.config;
  std::int64_t layers = 1;
  if (auto v = with_default("n_layers", family_.layers)) {
    layers = *v;
  } else {
    note(spelling(family_.layers.keys) + " absent: 1 layer assumed");
  }
  out_.model_layers = layers;
  std::int64_t attending = layers;
  const std::string layers_key = spelled(out_, "n_layers", spelling(family_.layers.keys));

  if (const std::optional<PerLayer> listed = per_layer_list()) {
    if (listed->count != layers) {
      FieldReader(doc_, model_, prefix_, out_)
          .fail(*listed->member, "has " + std::to_string(listed->count) + " entries but " +
                                     layers_key + " is " + std::to_string(layers));
    }
    attending = listed->full + listed->sliding + listed->chunked;
    listed_sliding_ = listed->sliding;
    listed_chunked_ = listed->chunked;
    if (attending == 0) no_cache("no layer attends (" + listed->key + ")", listed->member->line);
    if (attending != layers) {
      note(listed->key + ": " + std::to_string(attending) + " of " + std::to_string(layers) +
           " layers attend; the others keep no KV cache");
    }
  } else if (family_.layer_rule == LayerRule::kPeriod) {
    const FieldSpec period_spec{{"attn_layer_period"}, 8};
    const FieldSpec offset_spec{{"attn_layer_offset"}, 4};
    const std::int64_t period = *with_default("", period_spec);
    const Found off = first(offset_spec.keys);
    std::int64_t offset = *offset_spec.fallback;
    if (off.member != nullptr) offset = *reader(off).non_negative("", {off.leaf});
    attending = offset < period ? cycled_count(layers, static_cast<std::size_t>(offset),
                                               static_cast<std::size_t>(period))
                                : 0;
    if (attending == 0) no_cache("no layer attends (attn_layer_offset >= attn_layer_period)", model_.line);
    note(std::to_string(attending) + " of " + std::to_string(layers) +
         " layers attend (layer i when i % attn_layer_period == attn_layer_offset); the others "
         "are state-space layers without a KV cache");
  } else if (family_.layer_rule == LayerRule::kBlockTypes) {
    std::vector<std::string> blocks = {"recurrent", "recurrent", "attention"};
    // transformers saves RecurrentGemmaConfig's list as _block_types.
    const Node* block_list = list_member("_block_types");
    if (block_list == nullptr) block_list = list_member("block_types");
    if (block_list != nullptr) {
      blocks.clear();
      for (const Node& b : block_list->children) blocks.push_back(b.text);
    } else {
      note(joined(prefix_, "block_types") + " absent: recurrent, recurrent, attention (" +
           defaults_of() + "'s default)");
    }
    attending = 0;
    for (std::size_t j = 0; j < blocks.size(); ++j) {
      if (blocks[j] == "attention") attending += cycled_count(layers, j, blocks.size());
    }
    if (attending == 0) no_cache("a recurrent model has no KV cache (no attention block)", model_.line);
    note(std::to_string(attending) + " of " + std::to_string(layers) +
         " layers attend (block_types repeated over the layers); recurrent layers keep no KV "
         "cache");
  } else if (family_.layer_rule == LayerRule::kAttentionConfig) {
    const Node* config = model_.find_value("attention_config");
    if (config == nullptr) config = model_.find_value("attention-config");
    if (config != nullptr) {
      FieldReader r(doc_, model_, prefix_, out_);
      if (config->kind != Node::Kind::kList) r.fail(*config, "expected a list, got " + describe(*config));
      std::int64_t total = 0;
      std::int64_t non_attention = 0;
      std::string kinds;
      for (const Node& entry : config->children) {
        // [[types...], repeats]: the types cycle over `repeats` layers.
        if (entry.kind != Node::Kind::kList || entry.children.size() != 2 ||
            entry.children[0].kind != Node::Kind::kList ||
            entry.children[1].kind != Node::Kind::kInteger || entry.children[0].children.empty()) {
          r.fail(*config, "expected entries [[types], layers], got " + describe(entry));
        }
        const std::vector<Node>& entry_types = entry.children[0].children;
        const std::string& count = entry.children[1].text;
        if (count.empty() || count[0] == '-' || count.size() > 10) {
          r.fail(*config, "expected a layer count from 0 to " + std::to_string(kMaxSize) +
                              ", got " + count.substr(0, 20));
        }
        const std::int64_t repeats = std::stoll(count);
        for (std::size_t j = 0; j < entry_types.size(); ++j) {
          const std::string& type = entry_types[j].text;
          if (type != "mamba" && type != "rwkv" && type != "gmlp") continue;
          non_attention += cycled_count(repeats, j, entry_types.size());
          if (kinds.find(type) == std::string::npos) kinds += kinds.empty() ? type : ", " + type;
        }
        total += repeats;
        if (total > kMaxSize) r.fail(*config, "more layers than any model");
      }
      if (total != layers) {
        r.fail(*config, "covers " + std::to_string(total) + " layers but " + layers_key + " is " +
                            std::to_string(layers));
      }
      attending = layers - non_attention;
      if (attending == 0) {
        out_.family = kinds;
        no_cache(kinds == "rwkv" ? "a recurrent model has no KV cache"
                                 : "a state-space model has no KV cache",
                 config->line);
      }
      if (non_attention > 0) {
        note(std::to_string(attending) + " of " + std::to_string(layers) + " layers attend (" +
             r.path_of(*config) + "); " + kinds + " layers keep no KV cache");
      }
    }
  }
  if (const Node* cross = list_member("cross_attention_layers")) {
    // Cross-attention layers cache the image's keys and values once; they do not grow with
    // the tokens generated.
    const auto n = static_cast<std::int64_t>(cross->children.size());
    if (n < attending) {
      attending -= n;
      note(std::to_string(n) + " cross-attention layers (" + joined(prefix_, "cross_attention_layers") +
           ") cache the image once and are not counted: " + std::to_string(attending) +
           " self-attention layers");
    }
  }
  if (family_.architecture == Architecture::kEncoderDecoder) {
    note("encoder-decoder: the decoder's self-attention cache is counted; its cross-attention "
         "cache holds the encoded input, whose length the config does not give");
  }
  c.n_layers = attending;
}

void Engine::read_window() {
  const WindowSpec& w = family_.window;
  const std::int64_t layers = out_.config.n_layers;
  const FieldSpec& size = w.size;
  const auto window_size = [&]() -> std::optional<std::int64_t> {
    if (size.keys.empty()) return std::nullopt;
    // An explicit null switches the window off (Mistral v0.2 and later): it is not "absent".
    const Found f = locate(size.keys.front(), /*with_null=*/true);
    if (f.member != nullptr && f.member->kind == Node::Kind::kNull) return std::nullopt;
    if (f.member != nullptr) return reader(f).positive("window", {f.leaf});
    return with_default("window", size);
  };
  std::int64_t sliding = 0;
  if (listed_sliding_) {
    sliding = *listed_sliding_;
    if (sliding > 0) {
      const Found f = locate("sliding_window");
      if (f.member == nullptr) missing({"sliding_window"}, " (layer_types has sliding_attention layers)");
      out_.window = reader(f).positive("window", {f.leaf});
    } else if (listed_chunked_ > 0) {
      // Llama 4: chunked layers attend within chunks of attention_chunk_size, and their
      // cache never holds more than one chunk.
      const Found f = locate("attention_chunk_size");
      if (f.member == nullptr) return;
      sliding = listed_chunked_;
      out_.window = reader(f).positive("window", {f.leaf});
    } else {
      return;
    }
  } else {
    switch (w.rule) {
      case WindowRule::kNone:
        return;
      case WindowRule::kEveryLayer:
      case WindowRule::kAttentionLayers:
        sliding = layers;
        break;
      case WindowRule::kFromLayer: {
        const Found use = locate("use_sliding_window");
        const bool on = use.member != nullptr && *reader(use).boolean("", {use.leaf});
        if (!on) return;
        const FieldSpec from_spec{{"max_window_layers"}, 28};
        const Found from = first(from_spec.keys);
        std::int64_t first_sliding = *from_spec.fallback;
        if (from.member != nullptr) first_sliding = *reader(from).non_negative("", {from.leaf});
        sliding = std::max<std::int64_t>(0, layers - first_sliding);
        break;
      }
      case WindowRule::kEvenLayers:
        sliding = (layers + 1) / 2;
        break;
      case WindowRule::kPattern: {
        const std::int64_t pattern = with_default("", w.pattern).value_or(1);
        sliding = layers - layers / pattern;
        break;
      }
    }
    if (sliding == 0) return;
    out_.window = window_size();
    if (!out_.window) return;
  }
  out_.window_layers = sliding;
  note(std::to_string(sliding) + " of " + std::to_string(layers) +
       " attention layers use a sliding window of " + std::to_string(*out_.window) +
       " tokens: their cache stops growing there");
}

void Engine::read_context() {
  model::AttentionConfig& c = out_.config;
  out_.context = with_default("max_seq_len", family_.context);
  if (out_.context) {
    c.max_seq_len = *out_.context;
    return;
  }
  c.max_seq_len = c.total_tokens();
  note(spelling(family_.context.keys) +
       " absent: no context length, so no per-sequence memory figure (give --context)");
}

void Engine::read_dtype() {
  for (std::string_view key : family_.dtype) {
    const Found f = locate(key);
    if (f.member == nullptr) continue;
    FieldReader r = reader(f);
    if (f.leaf == "enabled") {
      // GPT-NeoX: an fp16: or bf16: block with enabled: true.
      if (!*r.boolean("", {f.leaf})) continue;
      r.record("dtype", *f.member);
      out_.config.dtype = f.parent_path.rfind("bf16", 0) == 0 ? model::Dtype::kBFloat16
                                                               : model::Dtype::kFloat16;
      return;
    }
    if (f.member->kind == Node::Kind::kString) {
      if (auto dtype = parse_config_dtype(f.member->text)) {
        r.record("dtype", *f.member);
        out_.config.dtype = *dtype;
        return;
      }
    }
    r.dtype("dtype", {f.leaf});  // throws with the accepted spellings
  }
  out_.config.dtype = *model::parse_dtype(std::string(family_.dtype_fallback));
  note(spelling(family_.dtype) + " absent: " + std::string(family_.dtype_fallback) + " (" +
       std::string(family_.dtype_reason) + ")");
}

void Engine::run() {
  read_heads();
  read_kv_heads();
  // Layers before widths: a model whose layers hold no attention is refused for that, not
  // for head sizes it never uses (GPT-NeoX's Mamba configs keep num-attention-heads).
  read_layers();
  read_widths();
  read_window();
  read_context();
  read_dtype();
  require_head_grouping(doc_, out_);
}

}  // namespace

std::optional<model::Dtype> parse_config_dtype(const std::string& text) {
  std::string s;
  for (char ch : text) s += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  if (s.rfind("amp_", 0) == 0) s = s.substr(4);
  for (const char* suffix : {"-true", "-mixed"}) {
    const std::string tail(suffix);
    if (s.size() > tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0) {
      s.resize(s.size() - tail.size());
    }
  }
  if (s == "16") return model::Dtype::kFloat16;
  if (s == "32") return model::Dtype::kFloat32;
  if (s == "64") return model::Dtype::kFloat64;
  return model::parse_dtype(s);
}

void read_family(const Document& doc, const Node& model, const std::string& prefix,
                 const ModelFamily& family, LoadedConfig& out) {
  if (out.family.empty()) out.family = std::string(family.name);
  Engine(doc, model, prefix, family, out).run();
}

}  // namespace kvcheck::io
