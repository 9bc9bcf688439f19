// KV cache memory, in checked 64-bit arithmetic: sizes are capped at 2^31 - 1 each, but their
// products are not, and a negative or wrapped byte count must never reach a report.
#include "kvcheck/check/cache_memory.hpp"

#include <algorithm>
#include <limits>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::check {
namespace {

struct Named {
  const char* name;
  int bits;
};
constexpr Named kKvDtypes[] = {{"float32", 32}, {"float16", 16}, {"bfloat16", 16}, {"float64", 64},
                               {"fp8", 8},      {"fp8_e4m3", 8}, {"fp8_e5m2", 8},  {"int8", 8},
                               {"int4", 4}};

/// Multiplies, or throws naming `path` when the product does not fit.
class Checked {
 public:
  explicit Checked(std::string path) : path_(std::move(path)) {}
  std::int64_t mul(std::int64_t a, std::int64_t b) const {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) fail();
    return r;
  }
  std::int64_t add(std::int64_t a, std::int64_t b) const {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) fail();
    return r;
  }

 private:
  [[noreturn]] void fail() const {
    throw InputError(path_, 0, "",
                     "its KV cache would take more than 2^63 bytes; no real model comes near "
                     "(check the head counts, head_dim, layers and context length)");
  }
  std::string path_;
};

/// Bytes of `elements` elements of `bits` bits, rounded up to whole bytes.
std::int64_t bytes_of(const Checked& c, std::int64_t elements, int bits) {
  return c.add(c.mul(elements, bits), 7) / 8;
}

}  // namespace

std::optional<KvDtype> parse_kv_dtype(const std::string& text) {
  if (auto d = model::parse_dtype(text)) {
    return KvDtype{model::dtype_name(*d), static_cast<int>(model::dtype_bytes(*d) * 8)};
  }
  for (const Named& n : kKvDtypes) {
    if (text == n.name) return KvDtype{n.name, n.bits};
  }
  return std::nullopt;
}

std::string kv_dtype_names() {
  std::string out;
  for (const Named& n : kKvDtypes) out += (out.empty() ? "" : ", ") + std::string(n.name);
  return out;
}

CacheMemory cache_memory(const model::AttentionConfig& config) {
  io::LoadedConfig loaded;
  loaded.config = config;
  loaded.context = config.max_seq_len;
  CacheMemory m = cache_memory(loaded, {});
  return m;
}

CacheMemory cache_memory(const io::LoadedConfig& loaded, const MemoryOptions& options) {
  const model::AttentionConfig& config = loaded.config;
  const Checked c(loaded.path);
  CacheMemory m;
  const KvDtype kv = options.kv_dtype.value_or(
      KvDtype{model::dtype_name(config.dtype), static_cast<int>(model::dtype_bytes(config.dtype) * 8)});
  m.dtype = kv.name;
  m.bits_per_element = kv.bits;
  m.group = config.group();
  m.latent = loaded.latent_width.has_value();
  m.elements_per_token_per_layer =
      m.latent ? *loaded.latent_width : c.mul(c.mul(2, config.n_kv_heads), config.head_dim);
  m.bytes_per_token_per_layer = bytes_of(c, m.elements_per_token_per_layer, kv.bits);
  m.attention_layers = config.n_layers;
  m.bytes_per_token = c.mul(m.bytes_per_token_per_layer, m.attention_layers);
  m.batch = options.batch;

  // The demo's figures: the cache buffer as allocated (max_seq_len), no windows.
  m.max_positions = config.max_seq_len;
  m.bytes_at_max_positions = c.mul(m.bytes_per_token, m.max_positions);
  // A latent is shared by every head: there is nothing to repeat before caching it.
  m.repeated_bytes_at_max_positions = c.mul(m.bytes_at_max_positions, m.latent ? 1 : m.group);

  if (options.context) {
    m.context = options.context;
    m.context_from = "--context";
  } else if (loaded.context) {
    m.context = loaded.context;
    const auto key = loaded.source_keys.find("max_seq_len");
    m.context_from = key != loaded.source_keys.end() ? key->second : "the family's default";
  }
  if (loaded.window && loaded.window_layers > 0) {
    m.window = loaded.window;
    m.window_layers = std::min(loaded.window_layers, m.attention_layers);
  }
  if (!m.context) return m;
  const std::int64_t tokens = *m.context;
  std::int64_t per_sequence = c.mul(m.bytes_per_token, tokens);
  if (m.window && *m.window < tokens) {
    m.bytes_per_sequence_uncapped = per_sequence;
    const std::int64_t full_layers = m.attention_layers - m.window_layers;
    per_sequence = c.add(c.mul(c.mul(m.bytes_per_token_per_layer, full_layers), tokens),
                         c.mul(c.mul(m.bytes_per_token_per_layer, m.window_layers), *m.window));
  }
  m.bytes_per_sequence = per_sequence;
  if (!m.latent && m.group > 1) m.repeated_bytes_per_sequence = c.mul(per_sequence, m.group);
  m.bytes_per_batch = c.mul(per_sequence, m.batch);
  return m;
}

}  // namespace kvcheck::check
