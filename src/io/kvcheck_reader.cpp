// kvcheck's own config format: a `kvcheck:` (or `attention:`) block with the model, the
// run and, optionally, the implementation under test.
#include "kvcheck/io/kvcheck_reader.hpp"

#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

/// The block holding everything. Only one may be given: two would leave the reader guessing
/// which one the user meant.
const Node& find_block(const Document& doc, LoadedConfig& out) {
  FieldReader top(doc, doc.root, "", out);
  top.reject_unknown({"kvcheck", "attention"});
  const Node* kvcheck = doc.root.find("kvcheck");
  const Node* attention = doc.root.find("attention");
  if (kvcheck != nullptr && attention != nullptr) {
    top.fail(*attention, "give either a kvcheck: or an attention: block, not both");
  }
  const Node* block = kvcheck != nullptr ? kvcheck : attention;
  if (block == nullptr) top.fail_absent("kvcheck", "missing required field");
  if (!block->is_map()) top.fail(*block, "expected a mapping, got " + describe(*block));
  return *block;
}

/// The run sizes: absent ones keep AttentionConfig's defaults.
void read_run(FieldReader& r, model::AttentionConfig& c) {
  if (auto batch = r.positive("batch", {"batch"})) c.batch = *batch;
  if (auto prompt = r.positive("prompt_len", {"prompt_len"})) c.prompt_len = *prompt;
  if (auto steps = r.non_negative("decode_steps", {"decode_steps"})) c.decode_steps = *steps;
  if (auto chunk = r.positive("prefill_chunk", {"prefill_chunk"})) c.prefill_chunk = *chunk;
}

}  // namespace

LoadedConfig read_kvcheck_config(const Document& doc) {
  LoadedConfig out;
  out.format = "kvcheck";
  out.path = doc.path;
  const Node& block = find_block(doc, out);
  FieldReader r(doc, block, block.key, out);
  r.reject_unknown({"name", "n_heads", "n_kv_heads", "head_dim", "hidden", "max_seq_len",
                    "n_layers", "dtype", "batch", "prompt_len", "decode_steps", "prefill_chunk",
                    "implementation"});
  model::AttentionConfig& c = out.config;

  c.name = r.label("name", {"name"}).value_or(name_from_path(doc.path));
  c.n_heads = r.required_positive("n_heads", {"n_heads"});
  c.n_kv_heads = r.required_positive("n_kv_heads", {"n_kv_heads"});
  c.head_dim = r.required_positive("head_dim", {"head_dim"});
  if (auto hidden = r.positive("hidden", {"hidden"})) {
    c.hidden = *hidden;
  } else {
    c.hidden = c.n_heads * c.head_dim;
    out.notes.push_back(r.path_of("hidden") +
                        " absent: taken as n_heads * head_dim = " + std::to_string(c.hidden));
  }
  if (auto layers = r.positive("n_layers", {"n_layers"})) c.n_layers = *layers;
  if (auto dtype = r.dtype("dtype", {"dtype"})) c.dtype = *dtype;
  read_run(r, c);
  if (auto capacity = r.positive("max_seq_len", {"max_seq_len"})) {
    c.max_seq_len = *capacity;
  } else {
    default_max_seq_len(out, r.path_of("max_seq_len"));
  }
  out.family = "kvcheck";
  out.model_layers = c.n_layers;
  if (out.key_lines.count("max_seq_len") != 0) out.context = c.max_seq_len;
  if (const Node* impl = r.find({"implementation"})) {
    read_implementation_block(doc, *impl, block.key, out);
  }
  require_head_grouping(doc, out);
  validate_loaded(doc, out);
  return out;
}

}  // namespace kvcheck::io
