// kvcheck's own config files (YAML or JSON): one model, the run that exercises it and,
// optionally, the implementation under test. The schema is in docs/config-formats.md.
#pragma once

#include <string>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"

namespace kvcheck::io {

/// Reads a file whose top level is one `kvcheck:` (or `attention:`) block holding name,
/// n_heads, n_kv_heads, head_dim (required), hidden, max_seq_len, n_layers, dtype, batch,
/// prompt_len, decode_steps, prefill_chunk and an optional `implementation:` block.
/// Unknown keys are errors: in a schema of our own they are misspellings.
LoadedConfig read_kvcheck_config(const Document& doc);

/// Reads an `implementation:` block (`member`, found in the mapping at dotted path `prefix`)
/// into out.impl and, when it names one, out.variant: either `variant: <catalog name>` or
/// the individual choices cache_heads, order, repeat, mask_unwritten, rope, layout, attention
/// (unset choices keep the correct implementation's). Unknown names list the accepted ones.
void read_implementation_block(const Document& doc, const Node& member, const std::string& prefix,
                               LoadedConfig& out);

}  // namespace kvcheck::io
