// scan: files -> modules -> sites -> findings, deduplicated and in source order.
//
// Files are read on every core. Those that can hold a site (they mention a forward) are
// parsed and bound ahead by worker threads, a bounded window ahead of the main thread,
// which runs each module's sites and then lets its tree go unless another module imported
// it. Files that hold no site are parsed only when an import names them.
#include "kvcheck/scan/scan.hpp"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>
#include <tuple>

#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/python_files.hpp"
#include "kvcheck/scan/sites.hpp"

namespace kvcheck::scan {
namespace {

/// Parsed modules may run this far ahead of the sites, which bounds the trees held at once.
constexpr std::size_t kParseWindow = 8;

/// A file can hold a site only when it defines or assigns a forward.
bool may_hold_a_site(const std::string& text) { return text.find("forward") != std::string::npos; }

unsigned cores() { return std::max(1u, std::thread::hardware_concurrency()); }

/// Runs work(k) for k in [0, n) on every core, each thread taking the next k.
template <class Work>
void parallel_for(std::size_t n, Work work) {
  std::atomic<std::size_t> next{0};
  auto run = [&] {
    for (std::size_t k = next++; k < n; k = next++) work(k);
  };
  std::vector<std::thread> pool;
  const std::size_t threads = std::min<std::size_t>(cores(), n / 8 + 1);
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(run);
  run();
  for (std::thread& t : pool) t.join();
}

/// Modules parsed ahead for the candidate files, in order, at most kParseWindow ahead of
/// what the main thread has taken.
class ParseAhead {
 public:
  ParseAhead(const std::vector<std::shared_ptr<const SourceFile>>& files) : files_(files), slots_(files.size()) {
    const std::size_t threads = std::min<std::size_t>(cores(), files.size());
    for (std::size_t t = 0; t < threads; ++t) workers_.emplace_back([this] { work(); });
  }
  ~ParseAhead() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    for (std::thread& t : workers_) t.join();
  }
  /// The module of candidate k (null when it does not parse: the workspace notes why).
  std::unique_ptr<Module> take(std::size_t k) {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] { return slots_[k].done; });
    taken_ = k + 1;
    cv_.notify_all();
    return std::move(slots_[k].module);
  }

 private:
  struct Slot {
    std::unique_ptr<Module> module;
    bool done = false;
  };
  void work() {
    while (true) {
      std::size_t k = 0;
      {
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait(lock, [&] { return stop_ || (next_ < files_.size() && next_ < taken_ + kParseWindow); });
        if (stop_ || next_ >= files_.size()) return;
        k = next_++;
      }
      std::unique_ptr<Module> m;
      auto tree = SyntaxTree::parse(*files_[k]);
      if (tree && !tree->first_error()) m = make_module(std::move(tree).value());
      {
        std::lock_guard<std::mutex> lock(mu_);
        slots_[k].module = std::move(m);
        slots_[k].done = true;
      }
      cv_.notify_all();
    }
  }
  const std::vector<std::shared_ptr<const SourceFile>>& files_;
  std::vector<Slot> slots_;
  std::vector<std::thread> workers_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::size_t next_ = 0;
  std::size_t taken_ = 0;
  bool stop_ = false;
};

}  // namespace

ScanResult scan(const ScanOptions& options) {
  ScanResult result;
  result.files = collect_python_files(options.paths, options.excludes);
  std::vector<Result<SourceFile, SourceNote>> sources(result.files.size(), unexpected(SourceNote{}));
  parallel_for(result.files.size(), [&](std::size_t k) { sources[k] = read_source(result.files[k]); });

  Workspace ws;
  std::vector<std::size_t> candidates;  // workspace indices of files that may hold a site
  std::vector<std::shared_ptr<const SourceFile>> candidate_sources;
  for (auto& s : sources) {
    if (!s) {
      result.notes.push_back(s.error());
      continue;
    }
    const bool candidate = may_hold_a_site(s->text);
    const std::size_t k = ws.add_file(std::move(s).value());
    if (candidate) {
      candidates.push_back(k);
      candidate_sources.push_back(ws.source(k));
    }
  }
  sources.clear();

  Interpreter in(ws);
  std::vector<Finding> findings;
  {
    ParseAhead ahead(candidate_sources);
    for (std::size_t c = 0; c < candidates.size(); ++c) {
      const std::size_t k = candidates[c];
      ws.install(k, ahead.take(c));
      Module* m = ws.module(k);  // parses here when the thread's parse failed, for the note
      if (!m) continue;
      const long start = in.total_steps();
      for (const Site& site : sites_of(*m, in)) {
        if (in.total_steps() - start > Interpreter::kMaxStepsPerFile) {
          // A file of many expensive sites must not hold the scan: the rest are skipped, and
          // --explain says so.
          SiteTrace skipped;
          skipped.name = site.name;
          skipped.where = CodeLocation{m->path, site.function->node().start()};
          skipped.mode = "one step";
          skipped.gave_up.push_back(GaveUp{skipped.where, "not analysed: the budget of " +
                                                              std::to_string(Interpreter::kMaxStepsPerFile) +
                                                              " steps per file is spent"});
          result.sites.push_back(std::move(skipped));
          continue;
        }
        run_site(site, in, result.sites, findings);
      }
      ws.evict(k);
    }
  }
  for (SourceNote& n : ws.take_notes()) result.notes.push_back(std::move(n));
  std::stable_sort(result.notes.begin(), result.notes.end(),
                   [](const SourceNote& a, const SourceNote& b) { return a.path < b.path; });
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
