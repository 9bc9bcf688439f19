// Replay: the one command that reproduces a counterexample exactly, and its parsing.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::check {

/// `kvcheck replay --variant V --property P --config "n_heads=2 ..." --seed N`.
std::string replay_command(const std::string& variant, const std::string& property,
                           const model::AttentionConfig& config, std::uint64_t seed);

/// The config spelled as AttentionConfig::summary() plus hidden: "n_heads=2 n_kv_heads=1
/// head_dim=1 hidden=1 batch=1 prompt_len=1 decode_steps=0 max_seq_len=1 [prefill_chunk=c]".
std::string config_spec(const model::AttentionConfig& config);

/// Parses a config spec. Unknown keys, malformed numbers or an invalid config raise
/// kvcheck::InputError naming the field (the flag is `--config`).
model::AttentionConfig parse_config_spec(const std::string& spec);

}  // namespace kvcheck::check
