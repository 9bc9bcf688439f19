// Text reports: fixed-width tables and indented blocks, colour only through Style.
#include "kvcheck/report/text_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "kvcheck/check/replay.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::report {
namespace {

std::string cell(const check::Verdict& v) {
  switch (v.status) {
    case check::Status::kProved:
      return "proved";
    case check::Status::kChecked:
      return fmt::format("holds ({})", v.search.cases);
    case check::Status::kRefuted:
      return "FAILS";
    case check::Status::kUnknown:
      return "unknown";
    case check::Status::kInconsistent:
      return "INCONSISTENT";
  }
  return "?";
}

Tone tone_of(const check::Verdict& v) {
  if (!check::matches_catalog(v)) return Tone::kWarn;
  return v.fails() ? Tone::kBad : Tone::kGood;
}

std::string pad(const std::string& s, std::size_t width) {
  return s.size() >= width ? s : s + std::string(width - s.size(), ' ');
}

/// Identifies a shape-error counterexample (config, step, op) so repeats can be folded.
std::string same_error_key(const check::Verdict& v) {
  if (!v.search.failure || !v.search.failure->op_failure || !v.search.counterexample) return "";
  const auto& f = *v.search.failure;
  return check::config_spec(v.search.counterexample->config) + "|" + f.step + "|" +
         std::to_string(f.op_failure->index);
}

std::string field(const std::string& label, const std::string& value) {
  return fmt::format("    {:<18}{}\n", label, value);
}

std::string numeric_line(const props::NumericDiff& d) {
  std::string where = fmt::format("batch {}, position {}", d.batch, d.position);
  if (d.head >= 0) where += fmt::format(", head {}", d.head);
  return fmt::format("max abs error {:.3g} (tolerance {:.1g}) at {}, feature {}: expected "
                     "{:.6g}, got {:.6g}",
                     d.max_abs_error, d.tolerance, where, d.feature, d.expected, d.actual);
}

}  // namespace

std::string counterexample_text(const check::Verdict& v, const Style& style) {
  std::string out = style.paint(fmt::format("  {} / {}", v.variant, v.property), Tone::kBold) +
                    "\n";
  if (v.status == check::Status::kInconsistent) {
    return out + field("inconsistent", v.note);
  }
  if (!v.search.counterexample || !v.search.failure) return out;
  const props::Case& c = *v.search.counterexample;
  const props::Failure& f = *v.search.failure;
  out += field("smallest config", check::config_spec(c.config));
  if (!f.step.empty()) out += field("step", f.step);
  if (f.op_failure) {
    out += field("op", f.op_failure->error.op + "    " + f.op_failure->op.pseudo);
    std::string shapes;
    for (const auto& operand : f.op_failure->error.operands) {
      shapes += (shapes.empty() ? "" : ";  ") + operand;
    }
    if (!shapes.empty()) out += field("shapes", shapes);
    out += field("error", f.op_failure->error.message);
  } else {
    out += field("finding", f.message);
  }
  if (f.diff) out += field("difference", numeric_line(*f.diff));
  if (v.proof && v.proof->truth == sym::Truth::kRefuted && v.proof->failure) {
    const shape::ShapeError& e = v.proof->failure->error;
    std::string all = "fails whenever " + e.condition;
    if (e.smallest) all += "; smallest: " + e.smallest->to_string();
    out += field("for all configs", all + " (first in " + v.proof->step + ")");
  }
  out += field("seed", std::to_string(v.seed));
  out += field("replay", check::replay_command(v.variant, v.impl, v.property, c.config, v.seed));
  return out;
}

std::string counterexamples_text(const std::vector<const check::Verdict*>& verdicts,
                                const Style& style) {
  std::string out;
  // A wrong ordering usually stops every numeric property at the same shape error; show it
  // once per variant and point the others at it.
  std::map<std::string, std::pair<std::string, const check::Verdict*>> shown;
  for (const check::Verdict* v : verdicts) {
    const std::string key = same_error_key(*v);
    auto first = shown.find(v->variant);
    if (!key.empty() && first != shown.end() && first->second.first == key) {
      out += style.paint(fmt::format("  {} / {}", v->variant, v->property), Tone::kBold) + "\n";
      out += field("same error as", first->second.second->property + " (" +
                                        v->search.failure->op_failure->error.op + " in " +
                                        v->search.failure->step + ")");
      out += field("replay", check::replay_command(v->variant, v->impl, v->property,
                                                   v->search.counterexample->config, v->seed));
      continue;
    }
    if (!key.empty() && first == shown.end()) shown[v->variant] = {key, v};
    out += counterexample_text(*v, style);
  }
  return out;
}

std::string verify_text(const check::VerifyRun& run, const Style& style) {
  std::size_t name_width = 8;
  for (const auto& n : run.variants) name_width = std::max(name_width, n.size() + 2);
  std::vector<std::size_t> widths;
  for (const auto& p : run.properties) widths.push_back(std::max<std::size_t>(p.size(), 12) + 2);

  const auto& b = run.params.bounds;
  std::string out = fmt::format(
      "kvcheck verify: seed {}, {} cases per property, {} draws; configs with n_kv_heads <= {}, "
      "group <= {}, head_dim <= {}, batch <= {}, prompt_len <= {}, decode_steps <= {}\n\n",
      run.params.seed, run.params.max_success,
      run.params.full_range ? "full-range" : "size-growing", b.n_kv_heads, b.group, b.head_dim,
      b.batch, b.prompt_len, b.decode_steps);
  out += pad("variant", name_width);
  for (std::size_t j = 0; j < run.properties.size(); ++j) out += pad(run.properties[j], widths[j]);
  out += "\n";
  for (std::size_t i = 0; i < run.variants.size(); ++i) {
    out += pad(run.variants[i], name_width);
    for (std::size_t j = 0; j < run.properties.size(); ++j) {
      const check::Verdict& v = run.at(i, j);
      std::string text = cell(v) + (check::matches_catalog(v) ? "" : " !");
      out += style.paint(pad(text, widths[j]), tone_of(v));
    }
    out += "\n";
  }
  out += "\nproved: for every configuration (shapes and heads by polynomial normal form, "
         "positions and masks by isl); holds (n): no proof, no counterexample in n generated "
         "cases; FAILS: refuted, see below; !: differs from the catalog\n";

  std::vector<const check::Verdict*> failing;
  for (const check::Verdict& v : run.verdicts) {
    if (v.fails() || v.status == check::Status::kInconsistent) failing.push_back(&v);
  }
  if (!failing.empty()) {
    out += "\nCounterexamples (smallest found, shrunk by RapidCheck)\n";
    out += counterexamples_text(failing, style);
  }
  std::map<std::string, int> coverage;
  int cases = 0;
  for (const check::Verdict& v : run.verdicts) {
    for (const auto& [regime, n] : v.search.regimes) coverage[regime] += n;
    cases += v.search.cases;
  }
  out += fmt::format("\nCoverage of {} generated cases:", cases);
  for (const std::string& regime : check::regime_names()) {
    out += fmt::format(" {} {},", regime, coverage[regime]);
  }
  out.back() = '\n';
  const int mismatches = run.mismatches();
  out += "\n";
  out += mismatches == 0
             ? style.paint(fmt::format("All {} verdicts match the catalog.", run.verdicts.size()),
                           Tone::kGood)
             : style.paint(fmt::format("{} of {} verdicts differ from the catalog (marked !).",
                                       mismatches, run.verdicts.size()),
                           Tone::kBad);
  return out + "\n";
}

std::string proof_text(const model::Variant& variant, const Style& style) {
  std::string out = style.paint("variant " + variant.name, Tone::kBold) + ": " + variant.summary +
                    "\n" + "  " + variant.impl.describe() + "\n";
  for (const props::Property* p : props::property_registry()) {
    auto proof = p->prove(variant.impl);
    if (!proof) continue;
    out += "\n" + style.paint(p->id(), Tone::kBold) + "\n";
    for (const std::string& line : proof->steps) out += "  " + line + "\n";
    switch (proof->truth) {
      case sym::Truth::kProved:
        out += style.paint("  PROVED", Tone::kGood) + " for every configuration: " +
               proof->message + "\n";
        break;
      case sym::Truth::kRefuted:
        out += style.paint("  REFUTED", Tone::kBad) + " at " + proof->message + "\n";
        if (proof->failure) out += "    # " + proof->failure->op.pseudo + "\n";
        break;
      case sym::Truth::kUnknown:
        out += style.paint("  UNKNOWN", Tone::kWarn) + ": " + proof->message + "\n";
        break;
    }
  }
  return out;
}

std::string variants_text(const Style& style) {
  std::string out;
  for (const model::Variant& v : model::variant_catalog()) {
    out += style.paint(v.name, Tone::kBold) + ": " + v.summary + "\n";
    out += "    " + v.pseudo + "\n";
    out += "    " + v.explanation + "\n";
    std::string fails;
    for (const auto& [property, expectation] : v.expected) {
      if (expectation == model::Expectation::kFails) fails += (fails.empty() ? "" : ", ") + property;
    }
    out += "    expected to fail: " + (fails.empty() ? std::string("nothing") : fails) + "\n\n";
  }
  return out;
}

}  // namespace kvcheck::report
