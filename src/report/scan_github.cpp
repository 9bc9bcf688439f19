// The scan as GitHub Actions workflow commands: an error annotation at each finding's line
// and column, a warning for each file that could not be analysed.
#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {

std::string write_scan_github(const scan::ScanResult& r, const WriterContext&, const Style&, bool) {
  std::string out;
  for (const scan::Finding& f : r.findings) {
    out += "::error file=" + workflow_property(valid_utf8(f.where.file)) + ",line=" + std::to_string(f.where.at.line) +
           ",col=" + std::to_string(f.where.at.column) + ",title=" + workflow_property("kvcheck " + f.rule) +
           "::" + workflow_data(scan_message(f)) + "\n";
  }
  for (const scan::SourceNote& n : r.notes) {
    out += "::warning file=" + workflow_property(valid_utf8(n.path));
    if (n.line > 0) out += ",line=" + std::to_string(n.line);
    out += ",title=" + workflow_property("kvcheck scan") + "::" + workflow_data(terminal_safe(n.message)) + "\n";
  }
  return out;
}

}  // namespace kvcheck::report
