// check_text: one block per config, verdict lines aligned, findings indented below them.
#include "kvcheck/report/check_text.hpp"

#include <fmt/format.h>

#include "kvcheck/report/escape.hpp"
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
      return v.note.empty() ? "unknown" : v.note;
    case check::Status::kInconsistent:
      return "INCONSISTENT: " + v.note;
  }
  return "?";
}

std::string model_line(const io::LoadedConfig& l) {
  const model::AttentionConfig& m = l.config;
  std::string layers = fmt::format("{} layer{}", m.n_layers, m.n_layers == 1 ? "" : "s");
  if (m.n_layers != l.model_layers) {
    layers = fmt::format("{} attention layers of {}", m.n_layers, l.model_layers);
  }
  const std::string context =
      l.context ? fmt::format("context {} tokens", *l.context) : std::string("no context length");
  return fmt::format("  model: {}, {}, {}\n", layers, context, model::dtype_name(m.dtype));
}

std::string memory_lines(const check::CacheMemory& m) {
  const std::string what =
      m.latent ? fmt::format("{}, a latent of {} per token and layer", m.dtype,
                             m.elements_per_token_per_layer)
               : m.dtype;
  std::string out = fmt::format("  KV cache ({}): {} per token ({} per layer x {})\n", what,
                                human_bytes(m.bytes_per_token),
                                human_bytes(m.bytes_per_token_per_layer), m.attention_layers);
  if (!m.context) {
    out += "    no context length in the file: per-sequence figures need --context\n";
    return out;
  }
  out += fmt::format("    one sequence of {} tokens: {}", *m.context, human_bytes(*m.bytes_per_sequence));
  if (m.repeated_bytes_per_sequence) {
    out += fmt::format("; {} if kv heads were repeated before caching ({}x)",
                       human_bytes(*m.repeated_bytes_per_sequence), m.group);
  }
  out += "\n";
  if (m.bytes_per_sequence_uncapped) {
    out += fmt::format("    sliding window of {} tokens on {} of {} layers caps it: {} without the cap\n",
                       *m.window, m.window_layers, m.attention_layers,
                       human_bytes(*m.bytes_per_sequence_uncapped));
  }
  if (m.batch > 1) {
    out += fmt::format("    batch of {}: {}\n", m.batch, human_bytes(*m.bytes_per_batch));
  }
  return out;
}

std::string title(const io::LoadedConfig& l) {
  const bool same = l.family.empty() || l.family == l.format;
  // Names and notes quote the file: nothing in it may reach the terminal raw.
  return same ? fmt::format("  ({}: {})", l.format, terminal_safe(l.config.name))
              : fmt::format("  ({}, {}: {})", l.format, terminal_safe(l.family),
                            terminal_safe(l.config.name));
}

std::string skipped_text(const check::CheckRun& run, const Style& style) {
  if (run.skipped.empty()) return "";
  std::size_t not_config = 0;
  for (const check::SkippedFile& f : run.skipped) not_config += f.not_model_config ? 1 : 0;
  const std::size_t no_cache = run.skipped.size() - not_config;
  std::string out;
  const auto files = [](std::size_t n) { return n == 1 ? std::string("1 file") : fmt::format("{} files", n); };
  if (not_config > 0) out += files(not_config) + " skipped: not model configs\n";
  if (no_cache > 0) out += files(no_cache) + " skipped: models without a KV cache\n";
  for (const check::SkippedFile& f : run.skipped) {
    out += "  " + style.paint("skipped:", Tone::kDim) + " " + terminal_safe(f.message) + "\n";
  }
  return out + "\n";
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
    out += style.paint(terminal_safe(c.loaded.path), Tone::kBold) + title(c.loaded) + "\n";
    out += fmt::format("  n_heads={} n_kv_heads={} group={} head_dim={}  implementation: {}\n",
                       m.n_heads, m.n_kv_heads, m.group(), m.head_dim, c.variant);
    out += model_line(c.loaded);
    if (c.reduced) out += "  " + style.paint("reduced:", Tone::kWarn) + " " + c.reduced->note + "\n";
    for (const check::Verdict& v : c.verdicts) {
      const Tone tone = v.fails() || v.status == check::Status::kInconsistent ? Tone::kBad
                        : v.holds()                                          ? Tone::kGood
                                                                             : Tone::kWarn;
      out += fmt::format("  {:<20}", v.property) + style.paint(verdict_word(v), tone) + "\n";
    }
    out += memory_lines(c.memory);
    for (const std::string& note : c.loaded.notes) {
      out += "  " + style.paint("assumed:", Tone::kDim) + " " + terminal_safe(note) + "\n";
    }
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
  out += skipped_text(run, style);
  const int failures = run.failures();
  const int latent = run.latent_findings();
  std::string summary = fmt::format("{} configs checked, seed {}: {} failing properties, {} latent findings",
                                    run.configs.size(), run.params.seed, failures, latent);
  if (const int not_checked = run.not_checked(); not_checked > 0) {
    summary += fmt::format(", {} properties not checked", not_checked);
  }
  out += style.paint(summary, failures > 0 ? Tone::kBad : latent > 0 ? Tone::kWarn : Tone::kGood) + "\n";
  return out;
}

}  // namespace kvcheck::report
