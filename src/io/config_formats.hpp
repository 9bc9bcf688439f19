// Detection and reading of the config formats that are not kvcheck's own (private to io).
#pragma once

#include <string>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// The format of `doc` by its keys: "huggingface", "meta", "lingua", "olmo", "llm-foundry",
/// "nanotron", "litgpt", "gpt-neox"; empty when none matches.
std::string detect_foreign_format(const Document& doc);

/// Reads `doc` as `format` (a value detect_foreign_format returned).
LoadedConfig read_foreign_config(const Document& doc, const std::string& format);

/// OmegaConf-style references in YAML training configs (llm-foundry, lingua): a scalar that
/// is exactly "${a.b}" takes the value of the scalar at dotted path a.b from the top level
/// (following chains). A reference to a missing key, to a mapping or list, or a cycle is an
/// InputError at the referring line. "${oc.env:X}" and other resolvers are left as written.
void resolve_references(Document& doc);

}  // namespace kvcheck::io
