// scan: files -> modules -> sites -> findings, deduplicated and in source order.
#include "kvcheck/scan/scan.hpp"

#include <algorithm>
#include <tuple>

#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/python_files.hpp"
#include "kvcheck/scan/sites.hpp"

namespace kvcheck::scan {

ScanResult scan(const ScanOptions& options) {
  ScanResult result;
  Workspace ws;
  for (const std::string& path : collect_python_files(options.paths, options.excludes)) {
    result.files.push_back(path);
    auto source = read_source(path);
    if (!source) {
      result.notes.push_back(source.error());
      continue;
    }
    auto tree = SyntaxTree::parse(std::move(source).value());
    if (!tree) {
      result.notes.push_back(tree.error());
      continue;
    }
    if (auto error = tree->first_error()) {
      result.notes.push_back(*error);
      continue;
    }
    ws.add(std::move(tree).value());
  }
  Interpreter in(ws);
  std::vector<Finding> findings;
  for (const Site& site : find_sites(ws, in)) run_site(site, in, result.sites, findings);
  // One finding per rule and place: the same op reached from several sites or modes.
  std::sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.where.file, a.where.at.line, a.where.at.column, a.rule) <
           std::tie(b.where.file, b.where.at.line, b.where.at.column, b.rule);
  });
  for (Finding& f : findings) {
    if (!result.findings.empty()) {
      const Finding& last = result.findings.back();
      if (last.rule == f.rule && last.where.file == f.where.file && last.where.at.line == f.where.at.line &&
          last.where.at.column == f.where.at.column) {
        continue;
      }
    }
    result.findings.push_back(std::move(f));
  }
  return result;
}

}  // namespace kvcheck::scan
