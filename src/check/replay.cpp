// Replay commands: a config spec that round-trips exactly through parse_config_spec.
#include "kvcheck/check/replay.hpp"

#include <charconv>
#include <sstream>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

std::int64_t parse_int(const std::string& key, const std::string& text) {
  std::int64_t v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (ec != std::errc() || ptr != end) {
    throw InputError("", 0, "--config " + key, "expected an integer, got '" + text + "'");
  }
  return v;
}

}  // namespace

std::string config_spec(const model::AttentionConfig& c) {
  std::string out = "n_heads=" + std::to_string(c.n_heads) +
                    " n_kv_heads=" + std::to_string(c.n_kv_heads) +
                    " head_dim=" + std::to_string(c.head_dim) +
                    " hidden=" + std::to_string(c.hidden) + " batch=" + std::to_string(c.batch) +
                    " prompt_len=" + std::to_string(c.prompt_len) +
                    " decode_steps=" + std::to_string(c.decode_steps) +
                    " max_seq_len=" + std::to_string(c.max_seq_len);
  if (c.prefill_chunk) out += " prefill_chunk=" + std::to_string(*c.prefill_chunk);
  return out;
}

std::string replay_command(const std::string& variant, const model::Implementation& impl,
                           const std::string& property, const model::AttentionConfig& config,
                           std::uint64_t seed) {
  const model::Variant* known = model::find_variant(variant);
  const std::string which = known && known->impl == impl
                                ? "--variant " + variant
                                : "--impl \"" + impl.describe() + "\"";
  return "kvcheck replay " + which + " --property " + property + " --config \"" +
         config_spec(config) + "\" --seed " + std::to_string(seed);
}

namespace {

template <class T>
T choice(const std::string& key, const std::string& value, std::optional<T> parsed,
         const std::vector<std::string>& names) {
  if (parsed) return *parsed;
  std::string known;
  for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
  throw InputError("", 0, "--impl " + key, "unknown value '" + value + "'; expected one of " + known);
}

bool yes_no(const std::string& key, const std::string& value) {
  if (value == "yes") return true;
  if (value == "no") return false;
  throw InputError("", 0, "--impl " + key, "expected yes or no, got '" + value + "'");
}

}  // namespace

model::Implementation parse_impl_spec(const std::string& spec) {
  model::Implementation impl;
  std::istringstream in(spec);
  std::string item;
  while (in >> item) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      throw InputError("", 0, "--impl", "expected key=value, got '" + item + "'");
    }
    const std::string key = item.substr(0, eq);
    const std::string value = item.substr(eq + 1);
    if (key == "cache") {
      impl.cache_heads = choice(key, value, model::parse_cache_heads(value), model::cache_heads_names());
    } else if (key == "order") {
      impl.order = choice(key, value, model::parse_repeat_order(value), model::repeat_order_names());
    } else if (key == "repeat") {
      impl.repeat_kind = choice(key, value, model::parse_repeat_kind(value), model::repeat_kind_names());
    } else if (key == "mask") {
      // yes/no: the spelling before the mask had three modes.
      if (value == "yes" || value == "no") {
        impl.mask = yes_no(key, value) ? model::MaskMode::kWrittenPrefix
                                       : model::MaskMode::kDecodeReadsAll;
      } else {
        impl.mask = choice(key, value, model::parse_mask_mode(value), model::mask_mode_names());
      }
    } else if (key == "rope") {
      if (value != "absolute" && value != "step-relative") {
        throw InputError("", 0, "--impl rope", "expected absolute or step-relative, got '" + value + "'");
      }
      impl.rope_absolute_position = value == "absolute";
    } else if (key == "layout") {
      impl.layout = choice(key, value, model::parse_cache_layout(value), model::cache_layout_names());
    } else if (key == "attention") {
      impl.kernel = choice(key, value, model::parse_attention_kernel(value), model::attention_kernel_names());
    } else {
      throw InputError("", 0, "--impl " + key, "unknown key");
    }
  }
  return impl;
}

model::AttentionConfig parse_config_spec(const std::string& spec) {
  model::AttentionConfig c;
  c.name = "replay";
  std::istringstream in(spec);
  std::string item;
  while (in >> item) {
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      throw InputError("", 0, "--config", "expected key=value, got '" + item + "'");
    }
    const std::string key = item.substr(0, eq);
    const std::int64_t v = parse_int(key, item.substr(eq + 1));
    if (key == "n_heads") c.n_heads = v;
    else if (key == "n_kv_heads") c.n_kv_heads = v;
    else if (key == "head_dim") c.head_dim = v;
    else if (key == "hidden") c.hidden = v;
    else if (key == "batch") c.batch = v;
    else if (key == "prompt_len") c.prompt_len = v;
    else if (key == "decode_steps") c.decode_steps = v;
    else if (key == "max_seq_len") c.max_seq_len = v;
    else if (key == "prefill_chunk") c.prefill_chunk = v;
    else throw InputError("", 0, "--config " + key, "unknown key");
  }
  if (auto problem = c.validate()) throw InputError("", 0, "--config", *problem);
  return c;
}

}  // namespace kvcheck::check
