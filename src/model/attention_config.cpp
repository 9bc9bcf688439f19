// AttentionConfig: dtype names, validation and the symbol assignment of a configuration.
#include "kvcheck/model/attention_config.hpp"

#include <algorithm>
#include <cctype>

namespace kvcheck::model {

std::int64_t dtype_bytes(Dtype d) {
  switch (d) {
    case Dtype::kFloat32:
      return 4;
    case Dtype::kFloat16:
    case Dtype::kBFloat16:
      return 2;
    case Dtype::kFloat64:
      return 8;
  }
  return 4;
}

std::string dtype_name(Dtype d) {
  switch (d) {
    case Dtype::kFloat32:
      return "float32";
    case Dtype::kFloat16:
      return "float16";
    case Dtype::kBFloat16:
      return "bfloat16";
    case Dtype::kFloat64:
      return "float64";
  }
  return "float32";
}

std::optional<Dtype> parse_dtype(const std::string& s) {
  std::string t = s;
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  if (t.rfind("torch.", 0) == 0) t = t.substr(6);
  if (t == "float32" || t == "fp32" || t == "float") return Dtype::kFloat32;
  if (t == "float16" || t == "fp16" || t == "half") return Dtype::kFloat16;
  if (t == "bfloat16" || t == "bf16") return Dtype::kBFloat16;
  if (t == "float64" || t == "fp64" || t == "double") return Dtype::kFloat64;
  return std::nullopt;
}

std::optional<std::string> AttentionConfig::validate() const {
  const std::pair<const char*, std::int64_t> positive[] = {
      {"batch", batch},           {"n_heads", n_heads},         {"n_kv_heads", n_kv_heads},
      {"head_dim", head_dim},     {"hidden", hidden},           {"prompt_len", prompt_len},
      {"max_seq_len", max_seq_len}, {"n_layers", n_layers}};
  for (const auto& [field, value] : positive) {
    if (value <= 0) return std::string(field) + " must be positive, got " + std::to_string(value);
  }
  if (decode_steps < 0) {
    return "decode_steps must be zero or positive, got " + std::to_string(decode_steps);
  }
  if (n_heads % n_kv_heads != 0) {
    return "n_heads (" + std::to_string(n_heads) + ") must be a multiple of n_kv_heads (" +
           std::to_string(n_kv_heads) + ")";
  }
  if (prefill_chunk && *prefill_chunk <= 0) {
    return "prefill_chunk must be positive, got " + std::to_string(*prefill_chunk);
  }
  return std::nullopt;
}

sym::Assignment AttentionConfig::assignment() const {
  namespace s = sym::symbols;
  sym::Assignment a{{s::batch(), batch},           {s::prompt_len(), prompt_len},
                    {s::decode_steps(), decode_steps}, {s::n_kv_heads(), n_kv_heads},
                    {s::group(), group()},         {s::head_dim(), head_dim},
                    {s::hidden(), hidden},         {s::max_seq_len(), max_seq_len}};
  if (max_seq_len >= total_tokens()) a.set(s::cache_spare(), max_seq_len - total_tokens());
  return a;
}

std::string AttentionConfig::summary() const {
  std::string out = "n_heads=" + std::to_string(n_heads) +
                    " n_kv_heads=" + std::to_string(n_kv_heads) +
                    " head_dim=" + std::to_string(head_dim) + " batch=" + std::to_string(batch) +
                    " prompt_len=" + std::to_string(prompt_len) +
                    " decode_steps=" + std::to_string(decode_steps) +
                    " max_seq_len=" + std::to_string(max_seq_len);
  if (prefill_chunk) out += " prefill_chunk=" + std::to_string(*prefill_chunk);
  return out;
}

}  // namespace kvcheck::model
