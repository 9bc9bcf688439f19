// The steps a run takes through the cache: prefill (whole, or in chunks), then one decode
// step per generated token. Shape, numeric and stateful runs all walk the same list.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/program.hpp"

namespace kvcheck::props {

/// One step: which program, where it starts and how many tokens it feeds.
struct Step {
  model::StepKind kind = model::StepKind::kPrefill;
  std::int64_t pos = 0;
  std::int64_t len = 0;
  std::string label;  ///< "prefill", "prefill chunk 2/3", "decode 1"
};

/// The steps of `config`: prefill in chunks of `chunk` tokens (the whole prompt when
/// nullopt), then `decode_steps` single-token decode steps.
std::vector<Step> run_steps(const model::AttentionConfig& config,
                            std::optional<std::int64_t> chunk);

/// The symbol values a concrete interpreter needs for `step`: the config's symbols plus
/// pos, chunk_len (the step's token count) and max_seq_len.
sym::Assignment step_assignment(const model::AttentionConfig& config, const Step& step);

}  // namespace kvcheck::props
