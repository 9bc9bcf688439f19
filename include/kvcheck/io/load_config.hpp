// Loading config files of any supported format, and finding them in folders.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// The format of a parsed file, by its keys (the syntax does not decide; docs/config-formats.md
/// has the table): "kvcheck", "huggingface", "meta", "lingua", "olmo", "llm-foundry",
/// "nanotron", "litgpt" or "gpt-neox". Throws NotCheckable when the top level is not a
/// mapping or holds no model's sizes.
std::string detect_format(const Document& doc);

/// Reads a parsed file with the reader of its format. YAML references ("${variables.x}")
/// are resolved first.
LoadedConfig read_config(const Document& doc);

/// Reads, parses and interprets the config file `path`. Every problem with the file,
/// including malformed syntax, throws InputError naming file, line and field; a file with
/// nothing to check (a tokenizer's settings, a Mamba model) throws NotCheckable.
LoadedConfig load_config(const std::string& path);

/// What a file holds when its name says it is not a model config ("a tokenizer's settings"
/// for tokenizer_config.json); empty otherwise.
std::string known_non_config(const std::string& path);

/// A config file to read, and whether the user named it (rather than a folder holding it).
struct ConfigInput {
  std::string path;
  bool named = false;
};

/// The config files named by `paths`: a file is taken as given (whatever its extension); a
/// folder contributes every *.json, *.yaml and *.yml below it, recursively, skipping names
/// that start with '.', sorted by path so the order is the same on every machine. Folders
/// come in argument order. Throws InputError for a path that does not exist.
std::vector<ConfigInput> collect_config_inputs(const std::vector<std::string>& paths);
/// The paths of collect_config_inputs.
std::vector<std::string> collect_config_files(const std::vector<std::string>& paths);

}  // namespace kvcheck::io
