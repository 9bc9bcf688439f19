// What a finding says, as labelled fields and one-line headlines, shared by every
// machine-readable writer so SARIF, JUnit, Markdown and GitHub annotations agree word for word.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kvcheck/check/config_check.hpp"

namespace kvcheck::report {

/// One labelled line of a finding, e.g. {"step", "prefill"}. `code` marks values a reader
/// copies verbatim (config specs, lines of code, shapes, commands), which Markdown quotes.
struct FindingField {
  std::string label;
  std::string value;
  bool code = false;
};

/// The counterexample of a failing verdict, in reading order: smallest config, step, op and
/// its line of code, operand shapes, the error (or the finding), the numeric difference, the
/// condition for every configuration, seed, replay command. Fields without a value are left
/// out; an INCONSISTENT verdict gives its note first.
std::vector<FindingField> counterexample_fields(const check::Verdict& v);

/// A latent finding: condition and smallest configuration (unless its message already says
/// them), and the replay command when the smallest configuration is a valid config spec.
std::vector<FindingField> latent_fields(const check::ConfigResult& c, const check::LatentFinding& f,
                                        std::uint64_t seed);

/// "<property> fails for <config name> (variant <variant>): <what broke>", one line.
std::string failure_headline(const check::ConfigResult& c, const check::Verdict& v);

/// The latent finding's own one-line message; when it has none, "<property> holds for
/// <config name> only because of its head counts (variant <variant>): <condition>".
std::string latent_headline(const check::ConfigResult& c, const check::LatentFinding& f);

/// The headline, then one "label: value" line per field; no newline at the end. The whole
/// finding as one message, for SARIF results and workflow annotations.
std::string failure_message(const check::ConfigResult& c, const check::Verdict& v);
std::string latent_message(const check::ConfigResult& c, const check::LatentFinding& f,
                           std::uint64_t seed);

/// "label: value\n" for each field.
std::string fields_block(const std::vector<FindingField>& fields);

/// "max abs error 0.5 (tolerance 1e-09) at batch 0, position 1, head 3, feature 0: expected
/// 1, got 0.5"; doubles in their shortest round-trip form.
std::string numeric_diff_text(const props::NumericDiff& d);

/// "fails whenever group >= 2; smallest: n_kv_heads=1, group=2 (n_heads=2) (first in
/// prefill)" when the proof refutes the property with a failing op, else "".
std::string proof_condition_text(const check::Verdict& v);

/// The 1-based line a finding about `loaded` points at: the key that set n_kv_heads, else
/// the one that set n_heads (MHA files often omit kv heads), else 1.
int finding_line(const io::LoadedConfig& loaded);

}  // namespace kvcheck::report
