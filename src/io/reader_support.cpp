// Shared checks and defaults of the config readers.
#include "kvcheck/io/reader_support.hpp"

#include <filesystem>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::io {
namespace {

int line_of(const LoadedConfig& out, const std::string& field) {
  const auto it = out.key_lines.find(field);
  return it == out.key_lines.end() ? 0 : it->second;
}

}  // namespace

std::string join_names(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

std::string name_from_path(const std::string& path) {
  const std::filesystem::path p(path);
  const std::string stem = p.stem().string();
  const std::string folder = p.parent_path().filename().string();
  // Model folders hold the sizes in a file of a fixed name: the folder names the model.
  const bool generic = stem == "config" || stem == "params" || stem == "model_config" ||
                       stem == "model_params";
  return generic && !folder.empty() ? folder : stem;
}

std::string spelled(const LoadedConfig& out, const std::string& field,
                    const std::string& fallback) {
  const auto it = out.source_keys.find(field);
  return it == out.source_keys.end() ? fallback : it->second;
}

void require_hidden_multiple_of_heads(const Document& doc, const LoadedConfig& out,
                                      const std::string& hidden_key, const std::string& reason) {
  const model::AttentionConfig& c = out.config;
  if (c.hidden % c.n_heads == 0) return;
  const std::string hidden = spelled(out, "hidden", hidden_key);
  const std::string heads = spelled(out, "n_heads", "n_heads");
  const bool hidden_in_file = out.key_lines.count("hidden") != 0;
  throw InputError(doc.path, line_of(out, hidden_in_file ? "hidden" : "n_heads"),
                   hidden_in_file ? hidden : heads,
                   hidden + " (" + std::to_string(c.hidden) + ") must be a multiple of " + heads +
                       " (" + std::to_string(c.n_heads) + ") " + reason);
}

void derive_head_dim(const Document& doc, LoadedConfig& out, const std::string& hidden_key,
                     const std::string& head_dim_key) {
  require_hidden_multiple_of_heads(doc, out, hidden_key, "when " + head_dim_key + " is not given");
  model::AttentionConfig& c = out.config;
  c.head_dim = c.hidden / c.n_heads;
  out.notes.push_back(head_dim_key + " absent: taken as " + spelled(out, "hidden", hidden_key) +
                      " / " + spelled(out, "n_heads", "n_heads") + " = " +
                      std::to_string(c.head_dim));
}

void require_head_grouping(const Document& doc, const LoadedConfig& out) {
  const model::AttentionConfig& c = out.config;
  if (c.n_heads % c.n_kv_heads == 0) return;
  const std::string kv = spelled(out, "n_kv_heads", "n_kv_heads");
  throw InputError(doc.path, line_of(out, "n_kv_heads"), kv,
                   spelled(out, "n_heads", "n_heads") + " (" + std::to_string(c.n_heads) +
                       ") must be a multiple of " + kv + " (" + std::to_string(c.n_kv_heads) + ")");
}

void default_max_seq_len(LoadedConfig& out, const std::string& capacity_key) {
  model::AttentionConfig& c = out.config;
  c.max_seq_len = c.total_tokens();
  out.notes.push_back(capacity_key + " absent: max_seq_len taken as prompt_len + decode_steps = " +
                      std::to_string(c.max_seq_len));
}

void validate_loaded(const Document& doc, const LoadedConfig& out) {
  if (const auto problem = out.config.validate()) throw InputError(doc.path, 0, "", *problem);
}

}  // namespace kvcheck::io
