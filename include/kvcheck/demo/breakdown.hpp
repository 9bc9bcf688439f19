// Breakdown: where a variant breaks, said once for a student: the op, why, when, and the
// smallest configuration, taken from the symbolic proof's counter-model where symbols decide
// it and from RapidCheck's shrunk counterexample where only numbers can.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::demo {

/// How the breaking configuration was found.
enum class Evidence {
  kNone,    ///< nothing breaks
  kProof,   ///< refuted for every configuration by normal form; smallest counter-model
  kSearch,  ///< found and shrunk by the property search
};

/// The first property that fails, in the order that explains the most (shape-safety,
/// cache-footprint, head-mapping, then the numeric ones).
struct Breakdown {
  Evidence evidence = Evidence::kNone;
  std::string property;   ///< e.g. "shape-safety"
  std::string step;       ///< e.g. "prefill", "setup"; may be empty
  std::string torch_op;   ///< e.g. "index_copy_"; empty when no op fails
  std::string pseudo;     ///< the op's line of code; empty when no op fails
  std::string reason;     ///< one sentence
  std::string condition;  ///< kProof: e.g. "group >= 2"
  std::string smallest;   ///< e.g. "n_kv_heads=1, group=2 (n_heads=2)" or a config spec
  /// The same property checked on the demo's own config: its finding, or empty when it
  /// holds there (the config is too small to show the break).
  std::string here;
};

/// Proves, then searches with `cases` cases from `seed`, until a property fails; then
/// checks that property on `config`.
Breakdown find_breakdown(const model::Variant& variant, const model::AttentionConfig& config,
                         std::uint64_t seed = 1, int cases = 30);

}  // namespace kvcheck::demo
