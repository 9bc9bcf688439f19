// scan: files -> modules -> sites -> findings, deduplicated and in source order.
#include "kvcheck/scan/scan.hpp"

#include <algorithm>
#include <atomic>
#include <optional>
#include <thread>
#include <tuple>

#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/python_files.hpp"
#include "kvcheck/scan/sites.hpp"

namespace kvcheck::scan {

namespace {

/// One file read, parsed and bound, or the note saying why it is not analysed.
struct Loaded {
  std::unique_ptr<Module> module;
  std::optional<SourceNote> note;
};

Loaded load_file(const std::string& path) {
  Loaded out;
  auto source = read_source(path);
  if (!source) {
    out.note = source.error();
    return out;
  }
  auto tree = SyntaxTree::parse(std::move(source).value());
  if (!tree) {
    out.note = tree.error();
    return out;
  }
  if (auto error = tree->first_error()) {
    out.note = *error;
    return out;
  }
  out.module = make_module(std::move(tree).value());
  return out;
}

/// Files are independent until their imports are resolved: read, parse and bind them on
/// every core, each thread taking the next file.
std::vector<Loaded> load_files(const std::vector<std::string>& paths) {
  std::vector<Loaded> loaded(paths.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k = next++; k < paths.size(); k = next++) loaded[k] = load_file(paths[k]);
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t threads = std::min<std::size_t>(cores, paths.size() / 8 + 1);
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return loaded;
}

}  // namespace

ScanResult scan(const ScanOptions& options) {
  ScanResult result;
  Workspace ws;
  result.files = collect_python_files(options.paths, options.excludes);
  for (Loaded& l : load_files(result.files)) {
    if (l.note) result.notes.push_back(*l.note);
    if (l.module) ws.adopt(std::move(l.module));
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
