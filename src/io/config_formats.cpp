// The config formats other than kvcheck's own: where each keeps the model's sizes, which
// family entry reads them, and what it calls the model. The sizes themselves are read by the
// family engine.
#include "config_formats.hpp"

#include "kvcheck/io/family_reader.hpp"
#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

bool has_any(const Node& map, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (map.find(key) != nullptr) return true;
  }
  return false;
}

const Node* mapping(const Node& parent, std::string_view key) {
  const Node* member = parent.find_value(key);
  return member != nullptr && member->is_map() ? member : nullptr;
}

LoadedConfig start(const Document& doc, std::string_view format) {
  LoadedConfig out;
  out.format = std::string(format);
  out.path = doc.path;
  return out;
}

/// The text of a top-level scalar, or empty.
std::string label_at(const Document& doc, const Node& map, const std::string& prefix,
                     std::string_view key, LoadedConfig& out) {
  return FieldReader(doc, map, prefix, out).label("name", {key}).value_or("");
}

void finish(const Document& doc, LoadedConfig& out, std::string name) {
  out.config.name = name.empty() ? name_from_path(doc.path) : std::move(name);
  validate_loaded(doc, out);
}

[[noreturn]] void refuse(const Document& doc, int line, const std::string& what) {
  throw NotCheckable(doc.path, line, NotCheckable::Reason::kNoKvCache, what);
}

/// Hugging Face: the language model is text_config when the file has one (multimodal
/// wrappers); its model_type, else the wrapper's, picks the family.
LoadedConfig read_huggingface(const Document& doc) {
  LoadedConfig out = start(doc, "huggingface");
  FieldReader top(doc, doc.root, "", out);
  const std::string type = top.string("", {"model_type"}).value_or("");
  const ModelFamily* family = type.empty() ? nullptr : find_family(type);
  const int type_line = doc.root.find("model_type") ? doc.root.find("model_type")->line : doc.root.line;
  if (family != nullptr && !family->why_no_cache.empty()) {
    refuse(doc, type_line, type + ": " + std::string(family->why_no_cache));
  }

  const Node* lm = &doc.root;
  std::string prefix;
  if (const Node* text = doc.root.find_value("text_config")) {
    if (!text->is_map()) top.fail(*text, "expected a mapping, got " + describe(*text));
    lm = text;
    prefix = "text_config";
    FieldReader inner(doc, *text, prefix, out);
    std::string text_type = inner.string("", {"model_type"}).value_or("");
    if (text_type.empty() && family != nullptr && !family->text_family.empty()) {
      text_type = std::string(family->text_family);
      out.notes.push_back("text_config.model_type absent: " + text_type + " (" + type +
                          "'s language model)");
    }
    family = text_type.empty() ? nullptr : find_family(text_type);
    if (family != nullptr && !family->why_no_cache.empty()) {
      refuse(doc, text->line, text_type + ": " + std::string(family->why_no_cache));
    }
    out.notes.push_back("language model read from text_config");
    if (family == nullptr && !text_type.empty()) {
      out.family = text_type;
      out.notes.push_back("model_type " + text_type +
                          " is not in kvcheck's family table: read with the keys most families "
                          "share");
    }
  } else if (family == nullptr && !type.empty()) {
    out.family = type;
    out.notes.push_back("model_type " + type +
                        " is not in kvcheck's family table: read with the keys most families "
                        "share");
  }
  // The family is named by its model_type ("olmo2", "yi"), the entry by its layout.
  if (family != nullptr && out.family.empty()) {
    const Node* text_type = lm->find_value("model_type");
    out.family = text_type != nullptr && text_type->kind == Node::Kind::kString && lm != &doc.root
                     ? text_type->text
                     : (lm == &doc.root ? type : std::string(family->name));
  }
  read_family(doc, *lm, prefix, family != nullptr ? *family : common_family(), out);
  std::string name = label_at(doc, doc.root, "", "_name_or_path", out);
  if (name.empty()) name = label_at(doc, doc.root, "", "model_type", out);
  finish(doc, out, name);
  return out;
}

/// Meta's params.json, torchchat's model params (also nested as transformer_args.text) and
/// ExecuTorch's ModelArgs JSON: Llama's sizes at the top level.
LoadedConfig read_meta(const Document& doc) {
  LoadedConfig out = start(doc, "meta");
  const Node* model = &doc.root;
  std::string prefix;
  if (const Node* args = mapping(doc.root, "transformer_args")) {
    if (const Node* text = mapping(*args, "text")) {
      model = text;
      prefix = "transformer_args.text";
    }
  }
  read_family(doc, *model, prefix, *format_family("meta"), out);
  finish(doc, out, "");
  return out;
}

LoadedConfig read_lingua(const Document& doc, const Node& model) {
  LoadedConfig out = start(doc, "lingua");
  if (model.find("state_dim") != nullptr || model.find("ssm_chunk_size") != nullptr) {
    refuse(doc, model.find("state_dim") ? model.find("state_dim")->line : model.line,
           "mamba: a state-space model has no KV cache (lingua's Mamba: model.state_dim)");
  }
  if (model.find("lru_dim_multiplier") != nullptr || model.find("conv_size") != nullptr) {
    refuse(doc, model.line,
           "hawk: a recurrent model has no KV cache (lingua's fastRNN: model.conv_size)");
  }
  read_family(doc, model, "model", *format_family("lingua"), out);
  finish(doc, out, label_at(doc, doc.root, "", "name", out));
  return out;
}

LoadedConfig read_olmo(const Document& doc, const Node& model) {
  LoadedConfig out = start(doc, "olmo");
  read_family(doc, model, "model", *format_family("olmo"), out);
  finish(doc, out, label_at(doc, doc.root, "", "run_name", out));
  return out;
}

LoadedConfig read_foundry(const Document& doc, const Node& model) {
  LoadedConfig out = start(doc, "llm-foundry");
  read_family(doc, model, "model", *format_family("llm-foundry"), out);
  std::string name = label_at(doc, doc.root, "", "run_name", out);
  if (name.find("${") != std::string::npos) name.clear();
  finish(doc, out, name);
  return out;
}

LoadedConfig read_nanotron(const Document& doc, const Node& model_config) {
  LoadedConfig out = start(doc, "nanotron");
  FieldReader r(doc, model_config, "model.model_config", out);
  const bool llama = r.boolean("", {"is_llama_config"}).value_or(false);
  if (!llama) {
    out.family = "nanotron";
    out.notes.push_back("model.model_config.is_llama_config is not true: read with the keys "
                        "most families share");
  }
  read_family(doc, model_config, "model.model_config",
              llama ? *format_family("nanotron") : common_family(), out);
  std::string name;
  if (const Node* general = mapping(doc.root, "general")) {
    name = label_at(doc, *general, "general", "run", out);
    if (name.find('%') != std::string::npos) name.clear();  // a strftime pattern
  }
  finish(doc, out, name);
  return out;
}

LoadedConfig read_litgpt(const Document& doc, const Node& model, const std::string& prefix) {
  LoadedConfig out = start(doc, "litgpt");
  read_family(doc, model, prefix, *format_family("litgpt"), out);
  std::string name = label_at(doc, model, prefix, "name", out);
  if (name.empty()) name = label_at(doc, doc.root, "", "model_name", out);
  finish(doc, out, name);
  return out;
}

LoadedConfig read_neox(const Document& doc) {
  LoadedConfig out = start(doc, "gpt-neox");
  read_family(doc, doc.root, "", *format_family("gpt-neox"), out);
  finish(doc, out, "");
  return out;
}

}  // namespace

std::string detect_foreign_format(const Document& doc) {
  const Node& root = doc.root;
  if (has_any(root, {"model_type", "architectures", "text_config"})) return "huggingface";
  // litgpt's flat Config (model_config.yaml beside a checkpoint) shares GPT-2's n_head and
  // n_embd; block_size, n_query_groups and hf_config are its own.
  if (has_any(root, {"n_query_groups", "hf_config"}) ||
      (has_any(root, {"block_size"}) && has_any(root, {"n_embd"}))) {
    return "litgpt";
  }
  if (has_any(root, {"num_hidden_layers", "n_layer", "n_head", "n_embd"})) return "huggingface";
  if (const Node* model = mapping(root, "model")) {
    if (mapping(*model, "model_config") != nullptr) return "nanotron";
    if (model->find("d_model") != nullptr) {
      const Node* name = model->find_value("name");
      const bool mpt = name != nullptr && name->text.rfind("mpt", 0) == 0;
      return mpt || model->find("attn_config") != nullptr || root.find("variables") != nullptr
                 ? "llm-foundry"
                 : "olmo";
    }
    if (has_any(*model, {"dim", "n_heads", "head_dim", "n_layers", "state_dim"})) return "lingua";
  }
  if (mapping(root, "model_config") != nullptr) return "litgpt";
  if (has_any(root, {"num-layers", "num_layers", "hidden-size", "num-attention-heads",
                     "attention-config", "attention_config", "seq-length"})) {
    return "gpt-neox";
  }
  if (has_any(root, {"num_attention_heads"})) return "huggingface";
  if ((has_any(root, {"dim"}) && has_any(root, {"n_heads", "n_layers"})) ||
      mapping(root, "transformer_args") != nullptr) {
    return "meta";
  }
  return "";
}

LoadedConfig read_foreign_config(const Document& doc, const std::string& format) {
  if (format == "huggingface") return read_huggingface(doc);
  if (format == "meta") return read_meta(doc);
  if (format == "gpt-neox") return read_neox(doc);
  if (format == "litgpt") {
    if (const Node* model = mapping(doc.root, "model_config")) return read_litgpt(doc, *model, "model_config");
    return read_litgpt(doc, doc.root, "");
  }
  // The YAML training formats hold their sizes in a `model:` block (nanotron one level
  // further down); detection guarantees it, and a caller naming the format must too.
  const Node* model = mapping(doc.root, "model");
  const Node* nanotron = model != nullptr ? mapping(*model, "model_config") : nullptr;
  if (model == nullptr || (format == "nanotron" && nanotron == nullptr)) {
    throw InputError(doc.path, doc.root.line, model == nullptr ? "model" : "model.model_config",
                     "missing required mapping (" + format + " keeps the model's sizes there)");
  }
  if (format == "nanotron") return read_nanotron(doc, *nanotron);
  if (format == "llm-foundry") return read_foundry(doc, *model);
  if (format == "olmo") return read_olmo(doc, *model);
  return read_lingua(doc, *model);
}

}  // namespace kvcheck::io
