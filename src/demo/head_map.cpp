// measure_head_map: which kv head each query head reads, probed through the numeric
// interpreter on the same program every other part of kvcheck interprets.
#include "kvcheck/demo/head_map.hpp"

#include <algorithm>
#include <cmath>
#include <stdexcept>

#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/numeric_run.hpp"

namespace kvcheck::demo {

std::vector<std::int64_t> HeadMap::readers(std::int64_t kv) const {
  std::vector<std::int64_t> out;
  for (std::size_t h = 0; h < kv_of.size(); ++h) {
    if (kv_of[h] == kv) out.push_back(static_cast<std::int64_t>(h));
  }
  return out;
}

HeadMap measure_head_map(const model::AttentionConfig& config, model::RepeatKind kind) {
  model::AttentionConfig probe = config;
  // One prefill shows the mapping; hidden only feeds the projections, so a small one keeps
  // the probe instant even with a real model's hidden size.
  probe.decode_steps = 0;
  probe.max_seq_len = probe.prompt_len;
  probe.hidden = std::min<std::int64_t>(probe.hidden, 16);
  probe.batch = 1;
  probe.prefill_chunk.reset();
  props::Case c{probe, model::find_variant("fixed")->impl, 1};
  c.impl.repeat_kind = kind;

  HeadMap map;
  map.kind = kind;
  map.n_kv_heads = probe.n_kv_heads;
  map.kv_of.assign(static_cast<std::size_t>(probe.n_heads), -1);
  const auto inputs = interp::make_inputs<double>(probe, c.seed);
  props::Observer observer = [&](const props::Step&, const model::Op& op, props::Tensor& value) {
    if (op.kind == model::OpKind::kLinear && op.weight == "wv") {
      // kv head j's values all equal j + 1: attention mixes one head's values convexly.
      auto& data = value.data();
      const std::int64_t width = value.dim(-1);
      for (Eigen::Index i = 0; i < data.size(); ++i) {
        data[i] = static_cast<double>((i % width) / probe.head_dim + 1);
      }
    }
    if (op.result != "attn") return;
    // attn: [batch, n_heads, len, head_dim]; the first token of the first batch suffices.
    for (std::int64_t h = 0; h < value.dim(1); ++h) {
      map.kv_of[static_cast<std::size_t>(h)] = std::lround(value(0, h, 0, 0)) - 1;
    }
  };
  const props::CachedRun run = props::run_cached(c, inputs, std::nullopt, observer);
  if (run.failure) throw std::logic_error("head-map probe failed: " + run.failure->message);
  return map;
}

}  // namespace kvcheck::demo
