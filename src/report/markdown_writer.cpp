// Markdown for pull-request comments (GitHub-flavoured): a verdict table first, since that is
// all most readers need, then collapsible details that a reader opens to act on a failure.
#include "kvcheck/report/markdown_writer.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "kvcheck/report/check_text.hpp"
#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/finding_text.hpp"
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {
namespace {

// Written as escapes so the source stays ASCII: ✅ ❌ ⚠️ ❔ ‼️.
constexpr const char* kHolds = "\u2705";
constexpr const char* kFails = "\u274C";
constexpr const char* kLatent = "\u26A0\uFE0F latent";
constexpr const char* kUndecided = "\u2754";
constexpr const char* kInconsistent = "\u203C\uFE0F";

/// Property ids in the order they first appear, so a run with custom subsets still lines up.
std::vector<std::string> property_columns(const check::CheckRun& run) {
  std::vector<std::string> out;
  for (const check::ConfigResult& c : run.configs) {
    for (const check::Verdict& v : c.verdicts) {
      if (std::find(out.begin(), out.end(), v.property) == out.end()) out.push_back(v.property);
    }
  }
  return out;
}

std::string cell(const check::ConfigResult& c, const std::string& property) {
  const auto v = std::find_if(c.verdicts.begin(), c.verdicts.end(),
                              [&](const check::Verdict& x) { return x.property == property; });
  if (v == c.verdicts.end()) return "";
  switch (v->status) {
    case check::Status::kRefuted:
      return kFails;
    case check::Status::kInconsistent:
      return kInconsistent;
    case check::Status::kUnknown:
      return kUndecided;
    case check::Status::kProved:
    case check::Status::kChecked:
      break;
  }
  const bool latent =
      std::any_of(c.latent.begin(), c.latent.end(),
                  [&](const check::LatentFinding& f) { return f.property == property; });
  return latent ? kLatent : kHolds;
}

std::string row(const std::vector<std::string>& cells) {
  std::string out = "|";
  for (const std::string& c : cells) out += " " + c + " |";
  return out + "\n";
}

std::string verdict_table(const check::CheckRun& run) {
  const std::vector<std::string> properties = property_columns(run);
  std::vector<std::string> header{"config", "heads / kv", "head_dim", "variant"};
  std::vector<std::string> rule{"---", "---:", "---:", "---"};
  for (const std::string& p : properties) {
    header.push_back(markdown_text(p));
    rule.push_back(":---:");
  }
  std::string out = row(header) + row(rule);
  for (const check::ConfigResult& c : run.configs) {
    const model::AttentionConfig& m = c.loaded.config;
    std::vector<std::string> cells{markdown_text(m.name),
                                   fmt::format("{} / {}", m.n_heads, m.n_kv_heads),
                                   std::to_string(m.head_dim), markdown_text(c.variant)};
    for (const std::string& p : properties) cells.push_back(cell(c, p));
    out += row(cells);
  }
  return out + fmt::format(
                   "\n{} holds (proved or checked) \u00B7 {} fails \u00B7 {}: holds "
                   "here, fails for other head counts \u00B7 {} undecided \u00B7 {} "
                   "kvcheck contradicts itself\n",
                   kHolds, kFails, kLatent, kUndecided, kInconsistent);
}

std::string memory_table(const check::CheckRun& run) {
  std::string out = "\n### KV cache memory\n\n" +
                    row({"config", "family", "dtype", "attention layers", "per token",
                         "context", "per sequence", "if repeated before caching"}) +
                    row({"---", "---", "---", "---:", "---:", "---:", "---:", "---:"});
  for (const check::ConfigResult& c : run.configs) {
    const check::CacheMemory& m = c.memory;
    std::string per_sequence = m.bytes_per_sequence ? human_bytes(*m.bytes_per_sequence) : "-";
    if (m.bytes_per_sequence_uncapped) {
      per_sequence += fmt::format(" (window {} on {} layers; {} uncapped)", *m.window,
                                  m.window_layers, human_bytes(*m.bytes_per_sequence_uncapped));
    }
    out += row({markdown_text(c.loaded.config.name), markdown_text(c.loaded.family),
                markdown_text(m.dtype), std::to_string(m.attention_layers),
                human_bytes(m.bytes_per_token),
                m.context ? std::to_string(*m.context) : "not given", per_sequence,
                m.repeated_bytes_per_sequence
                    ? fmt::format("{} (group {})", human_bytes(*m.repeated_bytes_per_sequence), m.group)
                    : "-"});
  }
  if (!run.skipped.empty()) {
    out += fmt::format("\n{} files skipped:\n\n", run.skipped.size());
    for (const check::SkippedFile& f : run.skipped) out += "- " + markdown_text(f.message) + "\n";
  }
  return out;
}

/// A collapsible block: the headline as its summary, the fields as a list.
std::string details(const std::string& headline, const std::vector<FindingField>& fields) {
  std::string out = "<details>\n<summary>" + xml_escape(headline, false) + "</summary>\n\n";
  for (const FindingField& f : fields) {
    const std::string value = f.code ? markdown_code_span(f.value) : markdown_text(f.value);
    out += "- **" + markdown_text(f.label) + "**: " + value + "\n";
  }
  return out + "\n</details>\n";
}

std::string findings(const check::CheckRun& run) {
  std::string failures;
  std::string latent;
  for (const check::ConfigResult& c : run.configs) {
    for (const check::Verdict& v : c.verdicts) {
      if (is_failure(v))
        failures += "\n" + details(failure_headline(c, v), counterexample_fields(v));
    }
    for (const check::LatentFinding& f : c.latent) {
      latent += "\n" + details(latent_headline(c, f), latent_fields(c, f, run.params.seed));
    }
  }
  std::string out;
  if (!failures.empty()) out += "\n### Failures\n" + failures;
  if (!latent.empty()) out += "\n### Latent findings\n" + latent;
  return out;
}

std::string title(const RunTally& t) {
  if (t.failing_configs == 0) {
    return t.configs == 1 ? "## kvcheck: the config holds\n"
                          : fmt::format("## kvcheck: all {} configs hold\n", t.configs);
  }
  return fmt::format("## kvcheck: {} of {} config{} {}\n", t.failing_configs, t.configs,
                     t.configs == 1 ? "" : "s", t.failing_configs == 1 ? "fails" : "fail");
}

/// "24 verdicts: 2 proved, 15 checked, 7 failed; 2 latent findings. Seed 7, ...": counts
/// that are zero are left out.
std::string counts_line(const RunTally& t, const check::SearchParams& params) {
  std::string counts;
  const std::pair<int, const char*> parts[] = {{t.proved, "proved"},
                                               {t.checked, "checked"},
                                               {t.refuted, "failed"},
                                               {t.unknown, "undecided"},
                                               {t.inconsistent, "inconsistent"}};
  for (const auto& [n, word] : parts) {
    if (n > 0) counts += fmt::format("{}{} {}", counts.empty() ? ": " : ", ", n, word);
  }
  if (t.latent > 0) {
    counts += fmt::format("; {} latent finding{}", t.latent, t.latent == 1 ? "" : "s");
  }
  return fmt::format("{} verdicts{}. Seed {}, {} cases per property.\n\n", t.verdicts, counts,
                     params.seed, params.max_success);
}

}  // namespace

std::string write_markdown(const check::CheckRun& run, const WriterContext& ctx) {
  const RunTally t = tally(run);
  std::string out = title(t) + "\n" + counts_line(t, run.params) + verdict_table(run) +
                    memory_table(run) + findings(run);
  std::string footer = "kvcheck " + markdown_text(ctx.tool_version);
  if (!ctx.command_line.empty()) footer += " \u00B7 " + markdown_code_span(ctx.command_line);
  return out + "\n<sub>" + footer + "</sub>\n";
}

}  // namespace kvcheck::report
