// RapidCheck generators over attention configurations. They draw n_kv_heads and group and
// derive n_heads = group * n_kv_heads (and max_seq_len from the tokens plus a spare), so every
// generated config is valid and shrinking moves towards group = 1, n_kv_heads = 1 by itself.
#pragma once

#include <map>
#include <string>
#include <vector>

#include <rapidcheck.h>

#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::check {

/// Upper bounds of the drawn values (lower bounds are 1, or 0 for decode_steps, spare, chunk).
struct ConfigBounds {
  int n_kv_heads = 4;
  int group = 4;
  int head_dim = 8;
  int batch = 2;
  int prompt_len = 6;
  int decode_steps = 4;
  int cache_spare = 2;
  int hidden = 8;
};

/// The sizes of one run around a model's heads.
struct RunSizes {
  int batch = 1;
  int prompt_len = 1;
  int decode_steps = 0;
  int cache_spare = 0;  ///< cache slots beyond the run's tokens
  int chunk = 0;        ///< prefill chunk; 0, or not below prompt_len, means all at once
  int hidden = 1;
};

/// `model` with the run sizes of `run` (max_seq_len = the run's tokens plus the spare).
model::AttentionConfig with_run(model::AttentionConfig model, const RunSizes& run);

/// Configs whose ranges grow with RapidCheck's size (0..100): small configs first, the full
/// bounds at the largest size. Wrap in rc::gen::resize(100, ...) for full-range draws.
rc::Gen<model::AttentionConfig> gen_config(const ConfigBounds& bounds = {});

/// The regimes a config exercises, e.g. {"GQA", "decode", "cache filled to capacity"}:
/// shown as the distribution of a search so a reader sees what was covered.
std::vector<std::string> regimes(const model::AttentionConfig& config);

/// Every regime name, in display order.
const std::vector<std::string>& regime_names();

}  // namespace kvcheck::check
