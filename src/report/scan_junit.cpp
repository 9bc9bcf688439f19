// The scan as JUnit XML: one test suite per file analysed, one test case per attention site
// (failed by its findings), and one errored case per file that could not be analysed.
#include <map>

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {
namespace {

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(valid_utf8(value), true) + "\"";
}

struct Case {
  std::string name;
  std::vector<const scan::Finding*> findings;
  std::string error;
};

}  // namespace

std::string write_scan_junit(const scan::ScanResult& r, const WriterContext&, const Style&, bool) {
  // Per file: its sites (once per name, whatever the modes) and its findings by site.
  std::map<std::string, std::vector<Case>> files;
  for (const std::string& f : r.files) files[f];
  for (const scan::SiteTrace& s : r.sites) {
    auto& cases = files[s.where.file];
    bool seen = false;
    for (const Case& c : cases) seen = seen || c.name == s.name;
    if (!seen) cases.push_back(Case{s.name, {}, ""});
  }
  for (const scan::Finding& f : r.findings) {
    auto& cases = files[f.where.file];
    Case* target = nullptr;
    for (Case& c : cases) {
      if (c.name == f.site) target = &c;
    }
    if (!target) {
      cases.push_back(Case{f.site.empty() ? f.rule : f.site, {}, ""});
      target = &cases.back();
    }
    target->findings.push_back(&f);
  }
  for (const scan::SourceNote& n : r.notes) files[n.path].push_back(Case{"analysis", {}, n.to_string()});
  int tests = 0, failures = 0, errors = 0;
  std::string suites;
  for (const auto& [file, cases] : files) {
    int t = 0, fails = 0, errs = 0;
    std::string body;
    for (const Case& c : cases) {
      ++t;
      body += "    <testcase" + attr("classname", file) + attr("name", c.name) + attr("file", file) + ">\n";
      if (!c.error.empty()) {
        ++errs;
        body += "      <error" + attr("message", c.error) + attr("type", "not-analysed") + "/>\n";
      }
      for (const scan::Finding* f : c.findings) {
        ++fails;
        body += "      <failure" + attr("message", scan_location(f->where) + ": " + scan_headline(*f)) +
                attr("type", f->rule) + ">" + xml_escape(valid_utf8(scan_message(*f)), false) + "</failure>\n";
      }
      body += "    </testcase>\n";
    }
    if (t == 0) continue;
    suites += "  <testsuite" + attr("name", file) + attr("tests", std::to_string(t)) +
              attr("failures", std::to_string(fails)) + attr("errors", std::to_string(errs)) +
              attr("skipped", "0") + ">\n" + body + "  </testsuite>\n";
    tests += t;
    failures += fails;
    errors += errs;
  }
  return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" + attr("name", "kvcheck scan") +
         attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
         attr("errors", std::to_string(errors)) + ">\n" + suites + "</testsuites>\n";
}

}  // namespace kvcheck::report
