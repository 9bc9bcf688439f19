// gen_config: valid-by-construction configurations, sized by RapidCheck's size parameter.
#include "kvcheck/check/config_gen.hpp"

#include <algorithm>
#include <tuple>

namespace kvcheck::check {
namespace {

/// An int in [lo, lo + (hi - lo) * size / 100] (rounded, so every value is reachable before
/// the last case), shrinking towards lo.
rc::Gen<int> sized_range(int lo, int hi) {
  return rc::gen::withSize([lo, hi](int size) {
    const int top = lo + ((hi - lo) * std::clamp(size, 0, 100) + 50) / 100;
    return rc::gen::inRange(lo, top + 1);
  });
}

/// An int in [lo, hi] at every size, shrinking towards lo.
rc::Gen<int> full_range(int lo, int hi) { return rc::gen::resize(100, rc::gen::inRange(lo, hi + 1)); }

bool power_of_two(std::int64_t v) { return v > 0 && (v & (v - 1)) == 0; }

}  // namespace

rc::Gen<model::AttentionConfig> gen_config(const ConfigBounds& b) {
  // Field order is shrink order: head counts first, since they decide most findings.
  // The head counts are drawn over their whole range from the first case, not grown with
  // the size like the run: every bug of the family needs group >= 2 and some need two kv
  // heads, so plain MHA (group 1) and MQA get only their share (a quarter each at the
  // default bounds of 4) instead of every early case. They still shrink to 1.
  auto heads = rc::gen::tuple(full_range(1, b.n_kv_heads), full_range(1, b.group),
                              sized_range(1, b.head_dim), sized_range(1, b.batch));
  auto tokens = rc::gen::tuple(sized_range(1, b.prompt_len), sized_range(0, b.decode_steps),
                               sized_range(0, b.cache_spare), sized_range(0, b.prompt_len - 1),
                               sized_range(1, b.hidden));
  return rc::gen::map(rc::gen::pair(heads, tokens), [](const auto& drawn) {
    const auto& [n_kv_heads, group, head_dim, batch] = drawn.first;
    const auto& [prompt_len, decode_steps, spare, chunk, hidden] = drawn.second;
    model::AttentionConfig c;
    c.name = "generated";
    c.n_kv_heads = n_kv_heads;
    c.n_heads = static_cast<std::int64_t>(group) * n_kv_heads;
    c.head_dim = head_dim;
    return with_run(c, {batch, prompt_len, decode_steps, spare, chunk, hidden});
  });
}

model::AttentionConfig with_run(model::AttentionConfig c, const RunSizes& run) {
  c.batch = run.batch;
  c.prompt_len = run.prompt_len;
  c.decode_steps = run.decode_steps;
  c.max_seq_len = run.prompt_len + run.decode_steps + run.cache_spare;
  c.hidden = run.hidden;
  c.prefill_chunk.reset();
  if (run.chunk > 0 && run.chunk < run.prompt_len) c.prefill_chunk = run.chunk;
  return c;
}

const std::vector<std::string>& regime_names() {
  static const std::vector<std::string> names = {
      "MHA", "GQA", "MQA", "group not a power of two", "prefill only", "decode",
      "chunked prefill", "cache filled to capacity", "batch > 1"};
  return names;
}

std::vector<std::string> regimes(const model::AttentionConfig& c) {
  std::vector<std::string> out;
  const std::int64_t group = c.group();
  if (group == 1) out.push_back("MHA");
  if (group > 1 && c.n_kv_heads > 1) out.push_back("GQA");
  if (group > 1 && c.n_kv_heads == 1) out.push_back("MQA");
  if (!power_of_two(group)) out.push_back("group not a power of two");
  out.push_back(c.decode_steps == 0 ? "prefill only" : "decode");
  if (c.prefill_chunk) out.push_back("chunked prefill");
  if (c.max_seq_len == c.total_tokens()) out.push_back("cache filled to capacity");
  if (c.batch > 1) out.push_back("batch > 1");
  return out;
}

}  // namespace kvcheck::check
