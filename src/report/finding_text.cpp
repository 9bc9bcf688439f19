// Findings as labelled fields and headlines: the one place that decides what a
// counterexample says, so every machine-readable format carries the same facts.
#include "kvcheck/report/finding_text.hpp"

#include <fmt/format.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/check/replay.hpp"

namespace kvcheck::report {
namespace {

std::string join(const std::vector<std::string>& items, const std::string& separator) {
  std::string out;
  for (const std::string& item : items) out += (out.empty() ? "" : separator) + item;
  return out;
}

/// What broke, in the most specific words available.
std::string what_broke(const check::Verdict& v) {
  if (v.status == check::Status::kInconsistent) return v.note;
  if (v.search.failure) {
    const props::Failure& f = *v.search.failure;
    if (f.op_failure) return f.op_failure->error.message;
    if (!f.message.empty()) return f.message;
  }
  if (v.proof && !v.proof->message.empty()) return v.proof->message;
  return "no counterexample was recorded";
}

/// The shape error's own fields: op, its line of code, operand shapes, message.
void add_op_failure(const interp::OpFailure& failure, std::vector<FindingField>& out) {
  out.push_back({"op", failure.error.op, true});
  if (!failure.op.pseudo.empty()) out.push_back({"code", failure.op.pseudo, true});
  if (!failure.error.operands.empty()) {
    out.push_back({"shapes", join(failure.error.operands, "; "), true});
  }
  out.push_back({"error", failure.error.message, false});
}

}  // namespace

std::vector<FindingField> counterexample_fields(const check::Verdict& v) {
  std::vector<FindingField> out;
  if (v.status == check::Status::kInconsistent) out.push_back({"inconsistent", v.note, false});
  const auto& example = v.search.counterexample;
  if (example) out.push_back({"smallest config", check::config_spec(example->config), true});
  if (const auto& f = v.search.failure) {
    if (!f->step.empty()) out.push_back({"step", f->step, false});
    if (f->op_failure) add_op_failure(*f->op_failure, out);
    // A shape error's message is its step and the error again; other findings (a footprint
    // "2x the memory", a numeric difference) say more than the op does.
    const bool repeats_error =
        f->op_failure && f->message.find(f->op_failure->error.message) != std::string::npos;
    if (!f->message.empty() && !repeats_error) out.push_back({"finding", f->message, false});
    if (f->diff) out.push_back({"difference", numeric_diff_text(*f->diff), false});
  }
  if (std::string all = proof_condition_text(v); !all.empty()) {
    out.push_back({"for all configs", all, false});
  }
  if (example) {
    out.push_back({"seed", std::to_string(v.seed), false});
    out.push_back({"replay",
                   check::replay_command(v.variant, v.impl, v.property, example->config, v.seed),
                   true});
  }
  return out;
}

std::vector<FindingField> latent_fields(const check::ConfigResult& c, const check::LatentFinding& f,
                                        std::uint64_t seed) {
  // The checker's message usually states the condition and the smallest config already;
  // repeat them only when it does not.
  const auto said = [&](const std::string& s) { return f.message.find(s) != std::string::npos; };
  std::vector<FindingField> out;
  if (!f.condition.empty() && !said(f.condition)) out.push_back({"condition", f.condition, false});
  if (f.smallest.empty()) return out;
  if (!said(f.smallest)) out.push_back({"smallest config", f.smallest, true});
  // The smallest config comes from the prover or the search as a spec; when it does not parse
  // the finding is still worth showing, only without a command to replay it.
  try {
    const model::AttentionConfig config = check::parse_config_spec(f.smallest);
    out.push_back(
        {"replay", check::replay_command(c.variant, c.impl, f.property, config, seed), true});
  } catch (const InputError&) {
  }
  return out;
}

std::string failure_headline(const check::ConfigResult& c, const check::Verdict& v) {
  const char* verb = v.status == check::Status::kInconsistent ? "is INCONSISTENT for" : "fails for";
  return fmt::format("{} {} {} (variant {}): {}", v.property, verb, c.loaded.config.name, c.variant,
                     what_broke(v));
}

std::string latent_headline(const check::ConfigResult& c, const check::LatentFinding& f) {
  if (!f.message.empty()) return f.message;  // the checker's own sentence says it all
  return fmt::format("{} holds for {} only because of its head counts (variant {}): {}", f.property,
                     c.loaded.config.name, c.variant, f.condition);
}

std::string failure_message(const check::ConfigResult& c, const check::Verdict& v) {
  std::string out = failure_headline(c, v) + "\n" + fields_block(counterexample_fields(v));
  out.pop_back();
  return out;
}

std::string latent_message(const check::ConfigResult& c, const check::LatentFinding& f,
                           std::uint64_t seed) {
  std::string out = latent_headline(c, f) + "\n" + fields_block(latent_fields(c, f, seed));
  out.pop_back();
  return out;
}

std::string fields_block(const std::vector<FindingField>& fields) {
  std::string out;
  for (const FindingField& field : fields) out += field.label + ": " + field.value + "\n";
  return out;
}

std::string numeric_diff_text(const props::NumericDiff& d) {
  std::string where = fmt::format("batch {}, position {}", d.batch, d.position);
  if (d.head >= 0) where += fmt::format(", head {}", d.head);
  return fmt::format("max abs error {} (tolerance {}) at {}, feature {}: expected {}, got {}",
                     d.max_abs_error, d.tolerance, where, d.feature, d.expected, d.actual);
}

std::string proof_condition_text(const check::Verdict& v) {
  if (!v.proof || v.proof->truth != sym::Truth::kRefuted || !v.proof->failure) return "";
  const shape::ShapeError& e = v.proof->failure->error;
  std::string out =
      e.condition == "always" ? "fails for every configuration" : "fails whenever " + e.condition;
  if (e.smallest && !e.smallest->empty()) out += "; smallest: " + e.smallest->to_string();
  if (!v.proof->step.empty()) out += " (first in " + v.proof->step + ")";
  return out;
}

int finding_line(const io::LoadedConfig& loaded) {
  for (const char* key : {"n_kv_heads", "n_heads"}) {
    const auto it = loaded.key_lines.find(key);
    if (it != loaded.key_lines.end() && it->second > 0) return it->second;
  }
  return 1;
}

}  // namespace kvcheck::report
