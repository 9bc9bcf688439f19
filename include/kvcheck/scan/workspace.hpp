// Workspace: the scanned Python files, each parsed when it is needed (it may hold a site, or
// an import names it) and named by its path, so `from .cache import KVCache` in one file
// finds the class in another. A module whose sites have run and that nothing imports gives
// its tree back, so memory follows the files in use, not the size of the repository.
#pragma once

#include <cstdint>
#include <map>
#include <unordered_map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "kvcheck/scan/binder.hpp"
#include "kvcheck/scan/source_file.hpp"
#include "kvcheck/scan/syntax_tree.hpp"
#include "kvcheck/scan/value.hpp"

namespace kvcheck::scan {

/// One parsed module and, once the interpreter has run its top level, its globals.
struct Module {
  std::string path;    ///< as given or found, e.g. "models/llama/attention.py"
  std::string dotted;  ///< "models.llama.attention" ("pkg/__init__.py" is "pkg")
  std::unique_ptr<SyntaxTree> tree;
  std::unique_ptr<Scope> scope;
  std::vector<std::uint32_t> line_starts;  ///< byte offset of each line, for messages
  std::map<std::string, Value> globals;
  enum class State { kNew, kLoading, kLoaded } state = State::kNew;
};

/// A module of a parsed file: named, indexed by line and bound. Touches no shared state, so
/// files are made on all cores.
std::unique_ptr<Module> make_module(SyntaxTree tree);

/// "models.llama.attention" for "models/llama/attention.py".
std::string dotted_name(std::string path);

class Workspace {
 public:
  /// Adds a parsed file (tests, and files parsed by the caller).
  Module& add(SyntaxTree tree);
  /// Adds a file; it is parsed when module(k) or an import asks for it. Returns its index.
  std::size_t add_file(SourceFile file);
  std::size_t size() const { return entries_.size(); }
  const std::string& path(std::size_t k) const { return entries_[k].path; }
  /// The source of file k (shared: parse-ahead threads read it while the workspace runs).
  std::shared_ptr<const SourceFile> source(std::size_t k) const { return entries_[k].source; }
  /// The module of file k, parsed now if it is not yet; nullptr (and a note) when it does
  /// not parse.
  Module* module(std::size_t k);
  /// Installs a module parsed elsewhere for file k, unless k was parsed meanwhile.
  void install(std::size_t k, std::unique_ptr<Module> m);
  /// Drops file k's tree and values unless another module imported it; the source stays,
  /// so a later import parses it again.
  void evict(std::size_t k);
  /// The module an import names, seen from `from`: relative names (".cache") resolve in
  /// from's package; absolute ones match a module whose dotted name is the name or ends
  /// with "." + the name. nullptr when it is not a scanned file (a library).
  Module* find(const std::string& name, const Module& from);
  /// The module of `path` or whose top scope is `root`, when it is parsed; else nullptr.
  Module* by_path(const std::string& path);
  Module* owning(const Scope* root);
  /// Line `line` (1-based) of `path`, trimmed; "" when unknown.
  std::string line(const std::string& path, int line) const;
  /// Notes of files that did not parse when they were needed.
  std::vector<SourceNote> take_notes() { return std::exchange(notes_, {}); }

 private:
  struct Entry {
    std::string path;
    std::string dotted;
    std::shared_ptr<const SourceFile> source;  ///< null for a file added parsed
    std::unique_ptr<Module> module;            ///< null until parsed, and after eviction
    bool imported = false;
    bool failed = false;
  };
  Module* find_dotted(const std::string& wanted, bool suffix, const Module* except);
  void index(std::size_t k);
  /// Notes a module made for entry k in the lookup tables.
  Module* remember(std::size_t k);

  std::vector<Entry> entries_;
  /// Every dotted suffix of every file ("c", "b.c", "a.b.c") -> its entries, in order.
  std::unordered_map<std::string, std::vector<std::size_t>> by_suffix_;
  std::unordered_map<std::string, std::size_t> by_path_;
  std::unordered_map<const Scope*, Module*> by_root_;
  std::vector<SourceNote> notes_;
};

}  // namespace kvcheck::scan
