// The labelled fields of a scan finding and the scan format table.
#include <array>

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {

std::string scan_location(const scan::CodeLocation& at) { return terminal_safe(at.to_string()); }

std::string scan_headline(const scan::Finding& f) { return f.rule + ": " + terminal_safe(f.message); }

std::vector<FindingField> scan_fields(const scan::Finding& f) {
  std::vector<FindingField> out;
  auto add = [&](std::string label, const std::string& value, bool code) {
    if (!value.empty()) out.push_back(FindingField{std::move(label), terminal_safe(value), code});
  };
  add("op", f.op, true);
  add("code", f.code, true);
  for (const std::string& o : f.operands) add("operand", o, true);
  add("fails when", f.condition, false);
  add("smallest", f.smallest, true);
  if (!f.memory_factor.empty()) add("memory", f.memory_factor + "x the cache it needs", false);
  for (const scan::RelatedLocation& r : f.related) add("related", r.where.to_string() + ": " + r.what, false);
  add("fix", f.fix, false);
  add("site", f.site, true);
  add("replay", f.replay, true);
  return out;
}

std::string scan_message(const scan::Finding& f) {
  std::string out = scan_headline(f);
  for (const FindingField& field : scan_fields(f)) out += "\n" + field.label + ": " + field.value;
  return out;
}

std::string scan_symbols_legend() {
  return "symbols: batch (sequences), chunk_len (tokens in this step), pos (tokens already "
         "cached), n_kv_heads, group (query heads per kv head; n_heads = group * n_kv_heads), "
         "head_dim, max_seq_len (cache capacity)";
}

int scan_exit_code(const scan::ScanResult& r) { return r.findings.empty() ? 0 : 1; }

namespace {

const std::array kFormats = {
    ScanFormat{"text", "Findings with file:line:col, condition, smallest config and fix", "txt", write_scan_text},
    ScanFormat{"json", "Everything, machine-readable (docs/scan-report.md)", "json", write_scan_json},
    ScanFormat{"markdown", "A table and one section per finding (PR comments, job summaries)", "md",
               write_scan_markdown},
    ScanFormat{"sarif", "SARIF 2.1.0 with the Python file's region and relatedLocations", "sarif",
               write_scan_sarif},
    ScanFormat{"junit", "JUnit XML: one test case per attention site", "xml", write_scan_junit},
    ScanFormat{"github", "GitHub Actions workflow annotations at the Python line", "github",
               write_scan_github},
};

}  // namespace

std::span<const ScanFormat> scan_format_registry() { return kFormats; }

const ScanFormat* find_scan_format(std::string_view name) {
  for (const ScanFormat& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> scan_format_names() {
  std::vector<std::string> out;
  for (const ScanFormat& f : kFormats) out.emplace_back(f.name);
  return out;
}

}  // namespace kvcheck::report
