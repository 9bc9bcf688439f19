// Checks and defaults that several config formats share, written once so that every format
// words them alike. Each works on a LoadedConfig a reader has filled and names the fields as
// the file spells them (LoadedConfig::source_keys).
#pragma once

#include <string>
#include <vector>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// "a, b, c": accepted spellings as listed in messages.
std::string join_names(const std::vector<std::string>& names);

/// A model name for a file that gives none: the file's stem, or for the fixed names of model
/// folders (config.json, params.json, model_config.yaml) the folder holding it
/// ("llama-3-8b/config.json" -> "llama-3-8b").
std::string name_from_path(const std::string& path);

/// How the file spells canonical `field`, or `fallback` when the file does not set it.
std::string spelled(const LoadedConfig& out, const std::string& field, const std::string& fallback);

/// Throws unless hidden is a multiple of n_heads, at hidden's key (n_heads' when hidden is a
/// format default, named `hidden_key`). `reason` ends the message: why the format needs it.
void require_hidden_multiple_of_heads(const Document& doc, const LoadedConfig& out,
                                      const std::string& hidden_key, const std::string& reason);

/// head_dim = hidden / n_heads for a file without head_dim, which is how Hugging Face and
/// lingua derive it; throws (as above) when the division is not exact. Adds a note.
void derive_head_dim(const Document& doc, LoadedConfig& out, const std::string& hidden_key,
                     const std::string& head_dim_key);

/// Throws unless n_heads is a multiple of n_kv_heads, at n_kv_heads' key.
void require_head_grouping(const Document& doc, const LoadedConfig& out);

/// max_seq_len = prompt_len + decode_steps (the run fits exactly) for a file that gives no
/// cache capacity; the note names `capacity_key`, the key the format would read it from.
void default_max_seq_len(LoadedConfig& out, const std::string& capacity_key);

/// The last step of every reader: AttentionConfig::validate on the result. Readers check
/// each value as they read it, so this only turns a case they missed into an input error.
void validate_loaded(const Document& doc, const LoadedConfig& out);

}  // namespace kvcheck::io
