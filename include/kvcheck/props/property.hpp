// Property: one named invariant of attention with a KV cache. Checked on concrete cases
// (numbers or shapes) and, where symbols decide it, proved for every configuration.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/interp/shape_interpreter.hpp"
#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/implementation.hpp"

namespace kvcheck::props {

/// One concrete case: a configuration, the implementation under test, and the seed of its
/// weights and inputs.
struct Case {
  model::AttentionConfig config;
  model::Implementation impl;
  std::uint64_t seed = 0;
};

/// Where two outputs differ the most.
struct NumericDiff {
  double max_abs_error = 0;
  double tolerance = 0;
  std::int64_t batch = 0;
  std::int64_t position = 0;  ///< token position in the sequence
  std::int64_t head = -1;     ///< query head, where the property looks per head
  std::int64_t feature = 0;   ///< index within the compared vector
  double expected = 0;
  double actual = 0;
};

/// Why a case fails: a shape error in one op, a numeric difference, or a count that differs.
struct Failure {
  std::string step;  ///< "prefill", "decode 1", "prefill chunk 2/3", or "" for the whole run
  std::optional<interp::OpFailure> op_failure;
  std::optional<NumericDiff> diff;
  std::string message;  ///< one line a person can act on
};

/// The symbolic verdict of a property for every configuration.
struct Proof {
  sym::Truth truth = sym::Truth::kUnknown;
  /// Each obligation discharged, in order ("prefill: index_copy_ self[2] == source[2]: n_kv_heads == n_kv_heads").
  std::vector<std::string> steps;
  /// For kRefuted: the failing obligation, with its condition and smallest counter-model.
  std::optional<interp::OpFailure> failure;
  std::string step;  ///< the symbolic step it failed in
  std::string message;
};

/// One model's head counts (n_heads = group * n_kv_heads).
struct HeadCounts {
  std::int64_t n_kv_heads = 1;
  std::int64_t group = 1;
  std::int64_t head_dim = 1;
};

/// A named invariant. Implementations are stateless; the registry holds one of each.
class Property {
 public:
  virtual ~Property() = default;
  /// kebab-case id, stable across releases: it is the SARIF ruleId and the JUnit name.
  virtual std::string id() const = 0;
  /// One sentence a user reads in reports.
  virtual std::string description() const = 0;
  /// Maps a generated config onto the configs this property speaks about (e.g. mha-reduction
  /// sets n_kv_heads = n_heads); the identity by default. Keeps generated configs valid.
  virtual model::AttentionConfig adapt(model::AttentionConfig config) const { return config; }
  /// Checks one case; nullopt when it holds.
  virtual std::optional<Failure> check(const Case& c) const = 0;
  /// Proves or refutes the property for every configuration; nullopt when symbols cannot
  /// decide it (numeric properties are then CHECKED by search).
  virtual std::optional<Proof> prove(const model::Implementation&) const { return std::nullopt; }
  /// The same for one model's head counts, over every other size (batch, lengths, chunks,
  /// head_dim): PROVED here means the model cannot break whatever the run.
  virtual std::optional<Proof> prove_for(const model::Implementation&, const HeadCounts&) const {
    return std::nullopt;
  }
};

/// Every property, in report order.
const std::vector<const Property*>& property_registry();
/// The property with this id, or nullptr.
const Property* find_property(const std::string& id);
std::vector<std::string> property_ids();

}  // namespace kvcheck::props
