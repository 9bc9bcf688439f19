// lingua-style YAML reader. The defaults are lingua's own (BaseTransformerArgs and
// DistributedArgs), so a file reads as the training code would build the model.
#include "kvcheck/io/lingua_reader.hpp"

#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

// lingua's BaseTransformerArgs defaults.
constexpr std::int64_t kDefaultDim = 512;
constexpr std::int64_t kDefaultLayers = 8;
constexpr std::int64_t kDefaultMaxSeqlen = 1024;

/// Reads `key` into `value`, or keeps lingua's `fallback` and says so.
void positive_or_default(FieldReader& r, LoadedConfig& out, const char* field, const char* key,
                         std::int64_t fallback, std::int64_t& value) {
  if (auto read = r.positive(field, {key})) {
    value = *read;
  } else {
    value = fallback;
    out.notes.push_back(r.path_of(key) + " absent: " + std::to_string(fallback) +
                        " (lingua's default)");
  }
}

/// n_heads and head_dim: lingua needs one of them and derives the other from dim.
void read_heads(const Document& doc, FieldReader& r, LoadedConfig& out) {
  model::AttentionConfig& c = out.config;
  const auto n_heads = r.positive("n_heads", {"n_heads"});
  const auto head_dim = r.positive("head_dim", {"head_dim"});
  if (!n_heads && !head_dim) {
    r.fail_absent("n_heads", "missing required field (lingua needs n_heads or head_dim)");
  }
  if (n_heads) {
    c.n_heads = *n_heads;
  } else {
    const std::string dim = spelled(out, "hidden", r.path_of("dim"));
    if (c.hidden % *head_dim != 0) {
      r.fail(*r.find({"head_dim"}), dim + " (" + std::to_string(c.hidden) +
                                        ") must be a multiple of " + r.path_of("head_dim") + " (" +
                                        std::to_string(*head_dim) + ") when " +
                                        r.path_of("n_heads") + " is not given");
    }
    c.n_heads = c.hidden / *head_dim;
    out.notes.push_back(r.path_of("n_heads") + " absent: taken as " + dim + " / " +
                        r.path_of("head_dim") + " = " + std::to_string(c.n_heads));
  }
  if (head_dim) {
    c.head_dim = *head_dim;
    require_hidden_multiple_of_heads(doc, out, r.path_of("dim"),
                                     "(lingua's TransformerBlock asserts it)");
  } else {
    derive_head_dim(doc, out, r.path_of("dim"), r.path_of("head_dim"));
  }
}

void read_dtype(const Document& doc, LoadedConfig& out) {
  const Node* distributed = doc.root.find_value("distributed");
  if (distributed != nullptr && distributed->is_map()) {
    FieldReader r(doc, *distributed, "distributed", out);
    if (auto dtype = r.dtype("dtype", {"model_dtype"})) {
      out.config.dtype = *dtype;
      return;
    }
  }
  out.config.dtype = model::Dtype::kBFloat16;
  out.notes.push_back("distributed.model_dtype absent: bfloat16 (lingua's default)");
}

}  // namespace

LoadedConfig read_lingua_config(const Document& doc) {
  LoadedConfig out;
  out.format = "lingua";
  out.path = doc.path;
  model::AttentionConfig& c = out.config;
  FieldReader top(doc, doc.root, "", out);
  const Node* block = doc.root.find_value("model");
  if (block == nullptr) top.fail_absent("model", "missing required field");
  if (!block->is_map()) top.fail(*block, "expected a mapping, got " + describe(*block));
  FieldReader r(doc, *block, "model", out);

  c.name = top.label("name", {"name"}).value_or(name_from_path(doc.path));
  positive_or_default(r, out, "hidden", "dim", kDefaultDim, c.hidden);
  read_heads(doc, r, out);
  if (auto kv = r.positive("n_kv_heads", {"n_kv_heads"})) {
    c.n_kv_heads = *kv;
  } else {
    c.n_kv_heads = c.n_heads;
    out.notes.push_back(r.path_of("n_kv_heads") + " absent: taken as " + r.path_of("n_heads") +
                        " (lingua's default)");
  }
  positive_or_default(r, out, "n_layers", "n_layers", kDefaultLayers, c.n_layers);
  positive_or_default(r, out, "max_seq_len", "max_seqlen", kDefaultMaxSeqlen, c.max_seq_len);
  read_dtype(doc, out);
  require_head_grouping(doc, out);
  validate_loaded(doc, out);
  return out;
}

}  // namespace kvcheck::io
