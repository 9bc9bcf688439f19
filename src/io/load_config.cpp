// Format detection and the entry point that reads any supported config file.
#include "kvcheck/io/load_config.hpp"

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/huggingface_reader.hpp"
#include "kvcheck/io/kvcheck_reader.hpp"
#include "kvcheck/io/lingua_reader.hpp"

namespace kvcheck::io {
namespace {

bool has_any(const Node& map, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (map.find(key) != nullptr) return true;
  }
  return false;
}

}  // namespace

std::string detect_format(const Document& doc) {
  const Node& root = doc.root;
  if (!root.is_map()) {
    throw InputError(doc.path, root.line, "",
                     "expected a mapping at the top level, got " + describe(root));
  }
  if (has_any(root, {"kvcheck", "attention"})) return "kvcheck";
  // lingua nests the model; Hugging Face configs keep sizes at the top level (or in
  // text_config) and never hold a `model:` mapping of sizes.
  const Node* model = root.find("model");
  if (model != nullptr && has_any(*model, {"dim", "n_heads", "head_dim", "n_layers"})) {
    return "lingua";
  }
  if (has_any(root,
              {"num_attention_heads", "n_head", "model_type", "architectures", "text_config"})) {
    return "huggingface";
  }
  throw InputError(doc.path, root.line, "",
                   "cannot tell the config format: expected a top-level kvcheck: block, a lingua "
                   "model: block with dim and n_heads, or a Hugging Face config with model_type "
                   "and num_attention_heads");
}

LoadedConfig read_config(const Document& doc) {
  const std::string format = detect_format(doc);
  if (format == "kvcheck") return read_kvcheck_config(doc);
  if (format == "lingua") return read_lingua_config(doc);
  return read_huggingface_config(doc);
}

LoadedConfig load_config(const std::string& path) {
  return read_config(read_document(path));
}

}  // namespace kvcheck::io
