// The table of config names and the sizes they seed.
#include "kvcheck/scan/config_names.hpp"

#include <algorithm>

namespace kvcheck::scan {
namespace {

namespace s = sym::symbols;

}  // namespace

const std::vector<ConfigName>& config_name_table() {
  static const std::vector<ConfigName> table = {
      {{"n_heads", "num_attention_heads", "num_heads", "n_head"},
       "n_heads",
       "query heads"},
      {{"n_kv_heads", "num_key_value_heads", "n_local_kv_heads", "num_kv_heads", "kv_heads",
        "n_kv_head", "n_query_groups", "multi_query_group_num", "kv_n_heads", "n_local_heads"},
       "n_kv_heads",
       "key/value heads (gpt-fast's config n_local_heads is the kv count; Meta's "
       "self.n_local_heads is computed from n_heads and followed as a value)"},
      {{"n_rep", "num_key_value_groups", "num_queries_per_kv", "kv_groups"},
       "group",
       "query heads per kv head"},
      {{"head_dim", "kv_channels", "d_kv", "head_size", "attention_head_size"},
       "head_dim",
       "features per head"},
      {{"dim", "hidden_size", "d_model", "n_embd", "embed_dim", "model_dim"},
       "hidden",
       "model width, n_heads * head_dim"},
      {{"max_seq_len", "max_position_embeddings", "n_positions", "seq_length", "max_seq_length",
        "block_size", "n_ctx"},
       "max_seq_len",
       "cache capacity in tokens"},
      {{"max_batch_size", "batch_size", "max_batch", "bsz"}, "batch", "cache rows"},
  };
  return table;
}

std::optional<sym::Dim> config_size(const std::string& name) {
  for (const ConfigName& row : config_name_table()) {
    if (std::find(row.names.begin(), row.names.end(), name) == row.names.end()) continue;
    if (row.size == "n_heads") return sym::Dim::n_heads();
    if (row.size == "n_kv_heads") return sym::Dim(s::n_kv_heads());
    if (row.size == "group") return sym::Dim(s::group());
    if (row.size == "head_dim") return sym::Dim(s::head_dim());
    if (row.size == "hidden") return sym::Dim::n_heads() * sym::Dim(s::head_dim());
    if (row.size == "max_seq_len") return sym::Dim(s::max_seq_len());
    if (row.size == "batch") return sym::Dim(s::batch());
  }
  return std::nullopt;
}

bool is_config_object_name(const std::string& name) {
  static const std::vector<std::string> kNames = {"args", "config", "params", "model_args", "cfg",
                                                  "model_config", "hparams", "conf", "text_config"};
  return std::find(kNames.begin(), kNames.end(), name) != kNames.end();
}

}  // namespace kvcheck::scan
