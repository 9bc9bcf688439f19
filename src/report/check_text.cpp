// check_text: one block per config, verdict lines aligned, findings indented below them.
#include "kvcheck/report/check_text.hpp"

#include <fmt/format.h>

#include "kvcheck/report/text_report.hpp"

namespace kvcheck::report {
namespace {

std::string verdict_word(const check::Verdict& v) {
  switch (v.status) {
    case check::Status::kProved:
      return "proved for every run of this model";
    case check::Status::kChecked:
      return fmt::format("holds ({} cases)", v.search.cases);
    case check::Status::kRefuted:
      return "FAILS";
    case check::Status::kUnknown:
      return "unknown";
    case check::Status::kInconsistent:
      return "INCONSISTENT: " + v.note;
  }
  return "?";
}

/// `positions_given`: the file states its context length; otherwise the figure at a
/// made-up length would mislead, so only per-token figures are shown.
std::string memory_line(const check::CacheMemory& m, bool positions_given) {
  std::string out = fmt::format("KV cache ({}): {} per token ({} per layer)", m.dtype,
                                human_bytes(m.bytes_per_token), human_bytes(m.bytes_per_token_per_layer));
  if (!positions_given) {
    if (m.group > 1) out += fmt::format("; {}x that if kv heads were repeated before caching", m.group);
    return out + "; the file gives no context length";
  }
  out += fmt::format("; {} at {} positions", human_bytes(m.bytes_at_max_positions), m.max_positions);
  if (m.group > 1) {
    out += fmt::format("; {} if kv heads were repeated before caching ({}x)",
                       human_bytes(m.repeated_bytes_at_max_positions), m.group);
  }
  return out;
}

}  // namespace

std::string human_bytes(std::int64_t bytes) {
  static const char* const kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 5) {
    value /= 1024.0;
    ++unit;
  }
  if (unit == 0) return fmt::format("{} B", bytes);
  const bool whole = value == static_cast<double>(static_cast<std::int64_t>(value));
  return whole ? fmt::format("{:.0f} {}", value, kUnits[unit])
               : fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::string check_text(const check::CheckRun& run, const Style& style) {
  std::string out;
  for (const check::ConfigResult& c : run.configs) {
    const model::AttentionConfig& m = c.loaded.config;
    const bool failed = c.failures() > 0;
    out += style.paint(c.loaded.path, Tone::kBold) +
           fmt::format("  ({}: {})\n", c.loaded.format, m.name);
    out += fmt::format("  n_heads={} n_kv_heads={} group={} head_dim={}  implementation: {}\n",
                       m.n_heads, m.n_kv_heads, m.group(), m.head_dim, c.variant);
    for (const check::Verdict& v : c.verdicts) {
      const Tone tone = v.fails() || v.status == check::Status::kInconsistent ? Tone::kBad : Tone::kGood;
      out += fmt::format("  {:<20}", v.property) + style.paint(verdict_word(v), tone) + "\n";
    }
    out += "  " + memory_line(c.memory, c.loaded.key_lines.count("max_seq_len") != 0) + "\n";
    for (const check::LatentFinding& l : c.latent) {
      out += "  " + style.paint("latent:", Tone::kWarn) + " " + l.message + "\n";
    }
    if (failed) {
      std::vector<const check::Verdict*> failing;
      for (const check::Verdict& v : c.verdicts) {
        if (v.fails() || v.status == check::Status::kInconsistent) failing.push_back(&v);
      }
      out += counterexamples_text(failing, style);
    }
    out += "\n";
  }
  const int failures = run.failures();
  const int latent = run.latent_findings();
  std::string summary = fmt::format("{} configs checked, seed {}: {} failing properties, {} latent findings",
                                    run.configs.size(), run.params.seed, failures, latent);
  out += style.paint(summary, failures > 0 ? Tone::kBad : latent > 0 ? Tone::kWarn : Tone::kGood) + "\n";
  return out;
}

}  // namespace kvcheck::report
