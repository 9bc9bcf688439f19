// The text report of a scan: findings as compiler-style diagnostics, notes, and with
// --explain every site's traced ops and every place the analysis gave up.
#include <fmt/core.h>

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {
namespace {

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::size_t attention_sites(const scan::ScanResult& r) {
  std::size_t n = 0;
  std::string last;
  for (const scan::SiteTrace& s : r.sites) {
    if (!s.attention || s.name + s.where.file == last) continue;
    last = s.name + s.where.file;
    ++n;
  }
  return n;
}

void explain(const scan::ScanResult& r, std::string& out, const Style& style) {
  for (const scan::SiteTrace& s : r.sites) {
    out += "\n" + style.paint("site " + terminal_safe(s.name), Tone::kBold) + " (" + scan_location(s.where) +
           ", " + s.mode + (s.attention ? "" : ", no attention reached") + ")\n";
    for (const scan::TracedOp& op : s.ops) {
      out += fmt::format("  {:>5}  {:<28} {:<36} {}\n", op.where.at.line, terminal_safe(op.op),
                         terminal_safe(op.result), terminal_safe(op.code));
    }
    if (s.ops.empty()) out += "  (no tensor ops traced)\n";
    if (const std::string impl = s.choices.implementation(); !impl.empty()) {
      out += "  as the model: " + impl + "\n";
    }
    for (const scan::GaveUp& g : s.gave_up) {
      out += "  " + style.paint("gave up", Tone::kWarn) + " at " + scan_location(g.where) + ": " +
             terminal_safe(g.reason) + "\n";
    }
  }
}

}  // namespace

std::string write_scan_text(const scan::ScanResult& r, const WriterContext&, const Style& style,
                            bool with_explain) {
  std::string out;
  for (const scan::Finding& f : r.findings) {
    out += style.paint(scan_location(f.where), Tone::kBold) + ": " + style.paint("error", Tone::kBad) +
           ": " + scan_headline(f) + "\n";
    for (const FindingField& field : scan_fields(f)) {
      out += fmt::format("  {:<11} {}\n", field.label + ":", field.value);
    }
    out += "\n";
  }
  for (const scan::SourceNote& n : r.notes) {
    out += style.paint(terminal_safe(n.to_string()), Tone::kWarn) + "\n";
  }
  if (!r.notes.empty()) out += "\n";
  out += "kvcheck scan: " + plural(r.files.size(), "file", "files") + ", " +
         plural(attention_sites(r), "attention site", "attention sites") + ", " +
         plural(r.findings.size(), "finding", "findings");
  if (!r.notes.empty()) out += ", " + plural(r.notes.size(), "file not analysed", "files not analysed");
  out += "\n";
  if (!r.findings.empty()) out += style.paint(scan_symbols_legend(), Tone::kDim) + "\n";
  if (with_explain) explain(r, out, style);
  return out;
}

}  // namespace kvcheck::report
