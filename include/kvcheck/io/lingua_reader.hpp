// lingua-style training configs (Meta's lingua: a YAML file with a `model:` block).
#pragma once

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// Reads `model: {dim, n_layers, n_heads, n_kv_heads, head_dim, max_seqlen}` with lingua's
/// BaseTransformerArgs defaults: dim 512, n_layers 8, max_seqlen 1024, n_kv_heads = n_heads,
/// head_dim = dim / n_heads, n_heads = dim / head_dim when only head_dim is given (one of the
/// two is required). dim must be a multiple of n_heads, as lingua's TransformerBlock asserts.
/// dtype from `distributed.model_dtype` (bf16 | fp16 | fp32), lingua's default bf16; name
/// from the top-level `name`, else the file's name. Throws InputError for a bad value.
LoadedConfig read_lingua_config(const Document& doc);

}  // namespace kvcheck::io
