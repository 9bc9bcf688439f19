// Replay: the one command that reproduces a counterexample exactly, and its parsing.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::check {

/// `kvcheck replay --variant V --property P --config "n_heads=2 ..." --seed N`; for an
/// implementation that is no catalog variant, `--impl "cache=... attention=..."` instead.
std::string replay_command(const std::string& variant, const model::Implementation& impl,
                           const std::string& property, const model::AttentionConfig& config,
                           std::uint64_t seed);

/// Parses Implementation::describe()'s spelling back ("cache=n_heads order=... ");
/// keys may be given in any order and omitted ones keep the fixed variant's choice.
/// Raises kvcheck::InputError (field `--impl <key>`) listing the accepted values.
model::Implementation parse_impl_spec(const std::string& spec);

/// The config spelled as AttentionConfig::summary() plus hidden: "n_heads=2 n_kv_heads=1
/// head_dim=1 hidden=1 batch=1 prompt_len=1 decode_steps=0 max_seq_len=1 [prefill_chunk=c]".
std::string config_spec(const model::AttentionConfig& config);

/// Parses a config spec. Unknown keys, malformed numbers or an invalid config raise
/// kvcheck::InputError naming the field (the flag is `--config`).
model::AttentionConfig parse_config_spec(const std::string& spec);

}  // namespace kvcheck::check
