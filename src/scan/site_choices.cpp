// SiteChoices: what a traced site does, spelled as the model's Implementation, and the
// replay command of a finding at its smallest configuration.
#include "kvcheck/scan/site_choices.hpp"

#include "kvcheck/model/implementation.hpp"

namespace kvcheck::scan {

std::string SiteChoices::implementation() const {
  if (!cache_written || multi_head_only) return "";
  model::Implementation impl;
  impl.cache_heads = cache_n_heads.value_or(false) ? model::CacheHeads::kHeads : model::CacheHeads::kKvHeads;
  if (missing_repeat) {
    impl.order = model::RepeatOrder::kNoRepeat;
  } else if (repeat_before_write && repeat_at_attention) {
    impl.order = model::RepeatOrder::kRepeatBothSides;
  } else if (repeat_before_write) {
    impl.order = model::RepeatOrder::kRepeatThenWrite;
  } else if (kernel == "sdpa-gqa" && !repeat_at_attention) {
    impl.order = model::RepeatOrder::kNoRepeat;
  }
  impl.repeat_kind = tiled ? model::RepeatKind::kTile : model::RepeatKind::kInterleave;
  impl.rope_absolute_position = !rope_step_relative;
  impl.layout = layout_bhld.value_or(false) ? model::CacheLayout::kBHLD : model::CacheLayout::kBLHD;
  impl.kernel = kernel == "sdpa-gqa" ? model::AttentionKernel::kSdpaGqa
                                     : (kernel == "sdpa" ? model::AttentionKernel::kSdpa
                                                         : model::AttentionKernel::kMatmul);
  return impl.describe();
}

std::string replay_for(const Finding& f, const SiteChoices& choices) {
  const std::string impl = choices.implementation();
  if (impl.empty()) return "";
  std::string property;
  if (f.rule == "shape-safety" || f.rule == "missing-repeat") property = "shape-safety";
  if (f.rule == "cache-footprint") property = "cache-footprint";
  if (f.rule == "head-mapping") property = "head-mapping";
  if (f.rule == "rope-position") property = "output-equivalence";
  if (property.empty()) return "";  // top-left causal masks are not in the model
  // The smallest failing heads, with one prompt token and one decode step so that a cached
  // prefix exists.
  std::int64_t kv = 1, group = 1;
  const auto read = [&](const std::string& key, std::int64_t& out) {
    const auto at = f.smallest.find(key + "=");
    if (at != std::string::npos) out = std::stoll(f.smallest.substr(at + key.size() + 1));
  };
  read("n_kv_heads", kv);
  read("group", group);
  if (f.rule == "rope-position" || f.rule == "head-mapping") {
    kv = std::max<std::int64_t>(kv, 2);
    group = std::max<std::int64_t>(group, 2);
  }
  const std::string config = "n_heads=" + std::to_string(kv * group) + " n_kv_heads=" + std::to_string(kv) +
                             " head_dim=2 hidden=4 batch=1 prompt_len=2 decode_steps=1 max_seq_len=3";
  return "kvcheck replay --impl \"" + impl + "\" --property " + property + " --config \"" + config + "\"";
}

}  // namespace kvcheck::scan
