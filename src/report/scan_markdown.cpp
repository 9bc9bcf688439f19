// The scan in GitHub-flavoured Markdown: a summary table, then one section per finding.
#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {

std::string write_scan_markdown(const scan::ScanResult& r, const WriterContext& ctx, const Style&, bool) {
  std::string out = "# kvcheck scan\n\n";
  out += std::to_string(r.files.size()) + " files, " + std::to_string(r.findings.size()) + " findings";
  if (!r.notes.empty()) out += ", " + std::to_string(r.notes.size()) + " files not analysed";
  out += ".\n\n";
  if (!ctx.command_line.empty()) out += "Command: " + markdown_code_span(ctx.command_line) + "\n\n";
  if (!r.findings.empty()) {
    out += "| location | rule | what breaks | fails when |\n|---|---|---|---|\n";
    for (const scan::Finding& f : r.findings) {
      out += "| " + markdown_code_span(scan_location(f.where)) + " | " + markdown_text(f.rule) + " | " +
             markdown_text(terminal_safe(f.message)) + " | " + markdown_text(f.condition) + " |\n";
    }
    out += "\n";
    for (const scan::Finding& f : r.findings) {
      out += "## " + markdown_text(f.rule) + " at " + markdown_code_span(scan_location(f.where)) + "\n\n";
      out += markdown_text(terminal_safe(f.message)) + "\n\n";
      for (const FindingField& field : scan_fields(f)) {
        out += "- " + markdown_text(field.label) + ": " +
               (field.code ? markdown_code_span(field.value) : markdown_text(field.value)) + "\n";
      }
      out += "\n";
    }
    out += markdown_text(scan_symbols_legend()) + "\n";
  }
  if (!r.notes.empty()) {
    out += "\n## Files not analysed\n\n";
    for (const scan::SourceNote& n : r.notes) out += "- " + markdown_text(terminal_safe(n.to_string())) + "\n";
  }
  return out;
}

}  // namespace kvcheck::report
