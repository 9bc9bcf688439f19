// Hugging Face config.json reader. The key aliases are the public spellings of the families
// that predate transformers' common names (GPT-2, GPTBigCode/StarCoder, Falcon); they are
// listed in docs/config-formats.md and kept to those.
#include "kvcheck/io/huggingface_reader.hpp"

#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

/// The mapping that describes the language model: text_config when present.
const Node& language_model(const Document& doc, LoadedConfig& out) {
  const Node* text = doc.root.find_value("text_config");
  if (text == nullptr) return doc.root;
  if (!text->is_map()) {
    FieldReader(doc, doc.root, "", out).fail(*text, "expected a mapping, got " + describe(*text));
  }
  out.notes.push_back("language model read from text_config");
  return *text;
}

/// kv heads: Falcon and GPTBigCode say "one kv head" with multi_query: true. Falcon's
/// new_decoder_architecture ignores multi_query and reads its kv count instead, which is
/// why Falcon-7B can carry num_kv_heads = 71 beside multi_query and still have one.
void read_kv_heads(FieldReader& r, LoadedConfig& out) {
  model::AttentionConfig& c = out.config;
  const bool multi_query = r.boolean("", {"multi_query"}).value_or(false);
  const bool new_architecture = r.boolean("", {"new_decoder_architecture"}).value_or(false);
  if (multi_query && !new_architecture) {
    c.n_kv_heads = 1;
    r.record("n_kv_heads", *r.find({"multi_query"}));
    out.notes.push_back(r.path_of("multi_query") + " is true: one kv head (MQA)");
    if (const Node* ignored = r.find({"num_key_value_heads", "num_kv_heads", "n_head_kv"})) {
      out.notes.push_back(r.path_of(*ignored) +
                          " ignored: multi_query wins unless new_decoder_architecture is true");
    }
  } else if (auto kv =
                 r.positive("n_kv_heads", {"num_key_value_heads", "num_kv_heads", "n_head_kv"})) {
    c.n_kv_heads = *kv;
  } else {
    c.n_kv_heads = c.n_heads;
    out.notes.push_back(r.path_of("num_key_value_heads") + " absent: taken as " +
                        spelled(out, "n_heads", "num_attention_heads") + " (MHA)");
  }
}

/// dtype sits in text_config in some multimodal configs and only at the top level in others.
void read_dtype(const Document& doc, FieldReader& r, LoadedConfig& out) {
  FieldReader top(doc, doc.root, "", out);
  std::optional<model::Dtype> dtype;
  for (FieldReader* reader : {&r, &top}) {
    if (!dtype) dtype = reader->dtype("dtype", {"torch_dtype", "dtype"});
  }
  if (dtype) {
    out.config.dtype = *dtype;
  } else {
    out.notes.push_back("torch_dtype absent: float32");
  }
}

/// The first non-empty of _name_or_path and model_type, else the file's name.
std::string read_name(const Document& doc, LoadedConfig& out) {
  FieldReader top(doc, doc.root, "", out);
  if (auto name = top.label("name", {"_name_or_path"})) return *name;
  if (auto type = top.label("name", {"model_type"})) return *type;
  return name_from_path(doc.path);
}

}  // namespace

LoadedConfig read_huggingface_config(const Document& doc) {
  LoadedConfig out;
  out.format = "huggingface";
  out.path = doc.path;
  const Node& lm = language_model(doc, out);
  const bool nested = &lm != &doc.root;
  FieldReader r(doc, lm, nested ? "text_config" : "", out);
  model::AttentionConfig& c = out.config;

  c.name = read_name(doc, out);
  c.n_heads = r.required_positive("n_heads", {"num_attention_heads", "n_head"});
  read_kv_heads(r, out);
  c.hidden = r.required_positive("hidden", {"hidden_size", "n_embd"});
  if (auto head_dim = r.positive("head_dim", {"head_dim"})) {
    c.head_dim = *head_dim;
  } else {
    derive_head_dim(doc, out, "hidden_size", r.path_of("head_dim"));
  }
  if (auto positions = r.positive("max_seq_len", {"max_position_embeddings", "n_positions"})) {
    c.max_seq_len = *positions;
  } else {
    default_max_seq_len(out, r.path_of("max_position_embeddings"));
  }
  if (auto layers = r.positive("n_layers", {"num_hidden_layers", "n_layer"})) {
    c.n_layers = *layers;
  } else {
    out.notes.push_back(r.path_of("num_hidden_layers") + " absent: n_layers taken as 1");
  }
  read_dtype(doc, r, out);
  require_head_grouping(doc, out);
  validate_loaded(doc, out);
  return out;
}

}  // namespace kvcheck::io
