// Loading config files of any supported format, and finding them in folders.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// The format of a parsed file, by its top-level keys (the syntax does not decide):
///   "kvcheck"      a top-level `kvcheck:` or `attention:` key
///   "lingua"       a `model:` mapping with any of dim, n_heads, head_dim, n_layers
///   "huggingface"  any of num_attention_heads, n_head, model_type, architectures, text_config
/// Throws InputError when the top level is not a mapping or matches none of these.
std::string detect_format(const Document& doc);

/// Reads a parsed file with the reader of its format.
LoadedConfig read_config(const Document& doc);

/// Reads, parses and interprets the config file `path`. Every problem with the file,
/// including malformed syntax, throws InputError naming file, line and field.
LoadedConfig load_config(const std::string& path);

/// The config files named by `paths`: a file is taken as given (whatever its extension); a
/// folder contributes every *.json, *.yaml and *.yml below it, recursively, skipping names
/// that start with '.', sorted by path so the order is the same on every machine. Folders
/// come in argument order. Throws InputError for a path that does not exist.
std::vector<std::string> collect_config_files(const std::vector<std::string>& paths);

}  // namespace kvcheck::io
