// memory_figure and verdict_table: what each ordering costs, and what `kvcheck verify`
// concludes about the two variants.
#include <fmt/format.h>

#include <algorithm>

#include "html_parts.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/demo/lesson.hpp"

namespace kvcheck::demo::html {
namespace {

std::string bar_row(const std::string& label, std::int64_t bytes, std::int64_t whole,
                    const std::string& kind) {
  const double percent =
      whole == 0 ? 0.0 : 100.0 * static_cast<double>(bytes) / static_cast<double>(whole);
  return fmt::format(
      "<div class=\"bar-row\"><span>{}</span><div><div class=\"bar {}\" style=\"width:{:.1f}%\">"
      "</div></div><span class=\"bytes\">{}</span></div>",
      label, kind, std::max(percent, 0.8), format_bytes(bytes));
}

/// The cell's words match `kvcheck verify`'s text report.
std::pair<std::string, std::string> verdict_cell(const check::Verdict& v) {
  switch (v.status) {
    case check::Status::kProved:
      return {"proved", "proved"};
    case check::Status::kChecked:
      return {"holds", fmt::format("holds ({})", v.search.cases)};
    case check::Status::kRefuted:
      return {"fails", "FAILS"};
    case check::Status::kUnknown:
    case check::Status::kInconsistent:
      break;
  }
  return {"unknown", check::to_string(v.status)};
}

}  // namespace

std::string memory_figure(const Walkthrough& w) {
  std::string out;
  for (const MemoryRow& row : w.memory) {
    const check::CacheMemory& m = row.memory;
    out += fmt::format(
        "<div class=\"memory-model\"><div><b>{}</b> <span class=\"about\">{}</span></div>",
        esc(row.label), esc(memory_about(w, row)));
    out += bar_row("kv heads cached", m.bytes_at_max_positions, m.repeated_bytes_at_max_positions,
                   "cached");
    out +=
        bar_row(fmt::format("repeated first ({}&#xd7;)", m.group),
                m.repeated_bytes_at_max_positions, m.repeated_bytes_at_max_positions, "repeated");
    out += "</div>";
  }
  return out + "<p class=\"caption\">" + esc(memory_lesson(w)) + "</p>";
}

std::string verdict_table(const check::VerifyRun& run) {
  std::string out = "<table class=\"verdicts\"><thead><tr><th>variant</th>";
  for (const std::string& p : run.properties) out += "<th>" + esc(p) + "</th>";
  out += "</tr></thead><tbody>";
  for (std::size_t i = 0; i < run.variants.size(); ++i) {
    out += "<tr><th>" + esc(run.variants[i]) + "</th>";
    for (std::size_t j = 0; j < run.properties.size(); ++j) {
      const check::Verdict& v = run.at(i, j);
      const auto [kind, text] = verdict_cell(v);
      std::string title;
      if (v.search.counterexample) {
        title =
            " title=\"smallest: " + esc(check::config_spec(v.search.counterexample->config)) + "\"";
      }
      out += fmt::format("<td class=\"{}\"{}>{}</td>", kind, title, esc(text));
    }
    out += "</tr>";
  }
  out += "</tbody></table>";
  return out + fmt::format(
                   "<p class=\"caption\"><b>proved</b>: for every configuration, by normal form; "
                   "<b>holds (n)</b>: no counterexample in n generated configs; <b>FAILS</b>: a "
                   "counterexample was found and shrunk (hover for the smallest). Seed {}, {} "
                   "cases per property.</p>",
                   run.params.seed, run.params.max_success);
}

}  // namespace kvcheck::demo::html
