// family_reader: the one engine that reads a model's attention sizes from the mapping that
// describes it, by the rules of its family's entry in the table (model_family.hpp).
#pragma once

#include <string>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"
#include "kvcheck/io/model_family.hpp"

namespace kvcheck::io {

/// Fills out.config (heads, kv heads, head_dim, hidden, attention layers, context, dtype),
/// out.family, out.model_layers, out.context, out.window / window_layers and
/// out.latent_width from `model`, the mapping of `doc` at dotted path `prefix` ("" for the
/// top level). Each default applied and each value derived adds a note naming the key it
/// looked for. Throws InputError for a bad or missing value and NotCheckable when the
/// layers turn out to hold no attention at all. Does not set the name.
void read_family(const Document& doc, const Node& model, const std::string& prefix,
                 const ModelFamily& family, LoadedConfig& out);

/// A dtype as training configs spell it: PyTorch's names and fp32 / bf16 / fp16, also with
/// an amp_ prefix (OLMo, llm-foundry) or a -true / -mixed suffix (Lightning: "bf16-mixed",
/// "16-true"). nullopt when it is none of these.
std::optional<model::Dtype> parse_config_dtype(const std::string& text);

}  // namespace kvcheck::io
