// Config names: the attribute and parameter names that seed kvcheck's configuration symbols
// in Python code (`args.n_kv_heads`, `config.num_key_value_heads`). Names only seed; what a
// value is comes from how it is computed and passed.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/sym/dim.hpp"

namespace kvcheck::scan {

/// One row of the table: the names, the size they stand for, and why.
struct ConfigName {
  std::vector<std::string> names;
  std::string size;  ///< "n_heads", "n_kv_heads", "group", "head_dim", "hidden", ...
  std::string note;
};

/// Every row, for the documentation and the completeness test.
const std::vector<ConfigName>& config_name_table();

/// The symbolic size a config attribute of this name holds, or nothing.
/// hidden sizes are n_heads * head_dim: the projections of the attention code this tool
/// reads are written against that product (Llama, Mistral, GPT-NeoX), and code whose
/// head_dim is its own attribute (Gemma) reads that attribute instead.
std::optional<sym::Dim> config_size(const std::string& name);

/// Python's parameter names that stand for a whole model config object.
bool is_config_object_name(const std::string& name);

}  // namespace kvcheck::scan
