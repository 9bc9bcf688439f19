// run_steps: the sequence of prefill chunks and decode steps of one run.
#include "kvcheck/props/steps.hpp"

#include <algorithm>

namespace kvcheck::props {

std::vector<Step> run_steps(const model::AttentionConfig& config,
                            std::optional<std::int64_t> chunk) {
  std::vector<Step> steps;
  const std::int64_t size = chunk ? std::max<std::int64_t>(1, *chunk) : config.prompt_len;
  const std::int64_t chunks = (config.prompt_len + size - 1) / size;
  for (std::int64_t c = 0; c < chunks; ++c) {
    const std::int64_t pos = c * size;
    const std::int64_t len = std::min(size, config.prompt_len - pos);
    std::string label = chunks == 1 ? "prefill"
                                    : "prefill chunk " + std::to_string(c + 1) + "/" +
                                          std::to_string(chunks);
    steps.push_back({model::StepKind::kPrefill, pos, len, std::move(label)});
  }
  for (std::int64_t k = 0; k < config.decode_steps; ++k) {
    steps.push_back({model::StepKind::kDecode, config.prompt_len + k, 1,
                     "decode " + std::to_string(k + 1)});
  }
  return steps;
}

sym::Assignment step_assignment(const model::AttentionConfig& config, const Step& step) {
  sym::Assignment a = config.assignment();
  a.set(sym::symbols::pos(), step.pos);
  a.set(sym::symbols::chunk_len(), step.len);
  return a;
}

}  // namespace kvcheck::props
