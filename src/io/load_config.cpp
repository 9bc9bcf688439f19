// Format detection and the entry point that reads any supported config file.
#include "kvcheck/io/load_config.hpp"

#include <algorithm>
#include <filesystem>

#include "config_formats.hpp"
#include "kvcheck/io/kvcheck_reader.hpp"
#include "kvcheck/io/not_checkable.hpp"

namespace kvcheck::io {
namespace {

/// Files that sit beside a model's config in a model folder or repository and hold no model:
/// their name says what they are.
struct KnownFile {
  const char* name;
  const char* holds;
};
constexpr KnownFile kKnownFiles[] = {
    {"tokenizer_config.json", "a tokenizer's settings"},
    {"tokenizer.json", "a tokenizer"},
    {"special_tokens_map.json", "a tokenizer's special tokens"},
    {"added_tokens.json", "a tokenizer's added tokens"},
    {"vocab.json", "a tokenizer's vocabulary"},
    {"generation_config.json", "generation settings"},
    {"preprocessor_config.json", "an image or audio preprocessor's settings"},
    {"processor_config.json", "a processor's settings"},
    {"video_preprocessor_config.json", "a video preprocessor's settings"},
    {"chat_template.json", "a chat template"},
    {"adapter_config.json", "a PEFT adapter's settings"},
    {"trainer_state.json", "a trainer's state"},
    {"quantize_config.json", "quantization settings"},
    {"model.safetensors.index.json", "a weight index"},
    {"pytorch_model.bin.index.json", "a weight index"},
};

}  // namespace

std::string known_non_config(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  for (const KnownFile& known : kKnownFiles) {
    if (name == known.name) return known.holds;
  }
  const std::string index = ".index.json";
  if (name.size() > index.size() &&
      name.compare(name.size() - index.size(), index.size(), index) == 0) {
    return "a weight index";
  }
  return "";
}

std::string detect_format(const Document& doc) {
  const Node& root = doc.root;
  if (!root.is_map()) {
    throw NotCheckable(doc.path, root.line, NotCheckable::Reason::kNotModelConfig,
                       "not a model config: expected a mapping at the top level, got " +
                           describe(root));
  }
  if (root.find("kvcheck") != nullptr || root.find("attention") != nullptr) return "kvcheck";
  std::string format = detect_foreign_format(doc);
  if (format.empty()) {
    throw NotCheckable(doc.path, root.line, NotCheckable::Reason::kNotModelConfig,
                       "not a model config: no model sizes (expected a Hugging Face config.json, "
                       "Meta params.json, a training YAML with a model: block, or a kvcheck: "
                       "block)");
  }
  return format;
}

LoadedConfig read_config(const Document& doc) {
  const std::string format = detect_format(doc);
  if (format == "kvcheck") return read_kvcheck_config(doc);
  if (doc.syntax == "yaml") {
    Document resolved = doc;
    resolve_references(resolved);
    return read_foreign_config(resolved, format);
  }
  return read_foreign_config(doc, format);
}

LoadedConfig load_config(const std::string& path) {
  const std::string holds = known_non_config(path);
  if (!holds.empty()) {
    throw NotCheckable(path, 0, NotCheckable::Reason::kNotModelConfig,
                       "not a model config: " + std::filesystem::path(path).filename().string() +
                           " holds " + holds);
  }
  return read_config(read_document(path));
}

}  // namespace kvcheck::io
