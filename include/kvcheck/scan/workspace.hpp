// Workspace: the scanned Python files as modules (parsed, bound, and named by their path, so
// `from .cache import KVCache` in one file finds the class in another).
#pragma once

#include <map>
#include <memory>
#include <string>
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
  std::vector<std::string> lines;  ///< the source split into lines, for messages
  std::map<std::string, Value> globals;
  enum class State { kNew, kLoading, kLoaded } state = State::kNew;
};

/// A module of a parsed file: named, split into lines and bound. Touches no shared state,
/// so files are made on all cores.
std::unique_ptr<Module> make_module(SyntaxTree tree);

class Workspace {
 public:
  /// Adds a parsed file. Its dotted name is its path without ".py", '/' as '.'.
  Module& add(SyntaxTree tree);
  /// Adds a module made by make_module (on any thread).
  Module& adopt(std::unique_ptr<Module> module);
  std::vector<std::unique_ptr<Module>>& modules() { return modules_; }
  /// The module an import names, seen from `from`: relative names (".cache") resolve in
  /// from's package; absolute ones match a module whose dotted name is the name or ends
  /// with "." + the name. nullptr when it is not a scanned file (a library).
  Module* find(const std::string& name, const Module& from);
  /// Line `line` (1-based) of `path`, trimmed; "" when unknown.
  std::string line(const std::string& path, int line) const;

 private:
  std::vector<std::unique_ptr<Module>> modules_;
};

}  // namespace kvcheck::scan
