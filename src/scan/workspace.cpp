// Workspace: files by dotted name, parsed on demand, import resolution, eviction.
#include "kvcheck/scan/workspace.hpp"

namespace kvcheck::scan {
namespace {

bool ends_with_part(const std::string& dotted, const std::string& name) {
  if (dotted == name) return true;
  return dotted.size() > name.size() &&
         dotted.compare(dotted.size() - name.size(), name.size(), name) == 0 &&
         dotted[dotted.size() - name.size() - 1] == '.';
}

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(" \t\r");
  if (a == std::string::npos) return "";
  const auto b = s.find_last_not_of(" \t\r");
  return s.substr(a, b - a + 1);
}

}  // namespace

std::string dotted_name(std::string path) {
  while (path.rfind("./", 0) == 0) path.erase(0, 2);
  if (path.size() > 3 && path.substr(path.size() - 3) == ".py") path.resize(path.size() - 3);
  for (char& c : path) {
    if (c == '/') c = '.';
  }
  const std::string init = ".__init__";
  if (path.size() > init.size() && path.substr(path.size() - init.size()) == init) {
    path.resize(path.size() - init.size());
  }
  return path;
}

std::unique_ptr<Module> make_module(SyntaxTree tree) {
  auto m = std::make_unique<Module>();
  m->path = tree.file().path;
  m->dotted = dotted_name(m->path);
  const std::string& text = tree.file().text;
  m->line_starts.push_back(0);
  for (std::size_t k = 0; k < text.size(); ++k) {
    if (text[k] == '\n') m->line_starts.push_back(static_cast<std::uint32_t>(k + 1));
  }
  m->tree = std::make_unique<SyntaxTree>(std::move(tree));
  m->scope = bind_module(*m->tree);
  return m;
}

void Workspace::index(std::size_t k) {
  const std::string& dotted = entries_[k].dotted;
  by_path_.emplace(entries_[k].path, k);
  for (std::size_t at = dotted.size(); at != std::string::npos;) {
    const std::size_t dot = at == 0 ? std::string::npos : dotted.rfind('.', at - 1);
    const std::string suffix = dot == std::string::npos ? dotted : dotted.substr(dot + 1);
    by_suffix_[suffix].push_back(k);
    at = dot;
  }
}

Module* Workspace::remember(std::size_t k) {
  Module* m = entries_[k].module.get();
  if (m) by_root_[m->scope.get()] = m;
  return m;
}

Module& Workspace::add(SyntaxTree tree) {
  std::unique_ptr<Module> m = make_module(std::move(tree));
  Entry e;
  e.path = m->path;
  e.dotted = m->dotted;
  e.module = std::move(m);
  entries_.push_back(std::move(e));
  index(entries_.size() - 1);
  return *remember(entries_.size() - 1);
}

std::size_t Workspace::add_file(SourceFile file) {
  Entry e;
  e.path = file.path;
  e.dotted = dotted_name(file.path);
  e.source = std::make_shared<const SourceFile>(std::move(file));
  entries_.push_back(std::move(e));
  index(entries_.size() - 1);
  return entries_.size() - 1;
}

Module* Workspace::module(std::size_t k) {
  Entry& e = entries_[k];
  if (e.module || e.failed || !e.source) return e.module.get();
  auto tree = SyntaxTree::parse(*e.source);
  if (!tree) {
    notes_.push_back(tree.error());
    e.failed = true;
    return nullptr;
  }
  if (auto error = tree->first_error()) {
    notes_.push_back(*error);
    e.failed = true;
    return nullptr;
  }
  e.module = make_module(std::move(tree).value());
  return remember(k);
}

void Workspace::install(std::size_t k, std::unique_ptr<Module> m) {
  if (!entries_[k].module && !entries_[k].failed && m) {
    entries_[k].module = std::move(m);
    remember(k);
  }
}

void Workspace::evict(std::size_t k) {
  Entry& e = entries_[k];
  if (e.imported || !e.source || !e.module) return;
  by_root_.erase(e.module->scope.get());
  e.module.reset();
}

Module* Workspace::find_dotted(const std::string& wanted, bool suffix, const Module* except) {
  auto it = by_suffix_.find(wanted);
  if (it == by_suffix_.end()) return nullptr;
  for (const std::size_t k : it->second) {
    Entry& e = entries_[k];
    if (e.module.get() == except && except) continue;
    const bool match = suffix ? ends_with_part(e.dotted, wanted) : e.dotted == wanted;
    if (!match || e.failed) continue;
    Module* m = module(k);
    if (!m) continue;
    e.imported = true;
    return m;
  }
  return nullptr;
}

Module* Workspace::find(const std::string& name, const Module& from) {
  std::string wanted = name;
  if (!wanted.empty() && wanted[0] == '.') {
    // Relative: each leading dot after the first climbs one package.
    std::string package = from.dotted;
    const bool is_package = from.path.size() >= 11 &&
                            from.path.substr(from.path.size() - 11) == "__init__.py";
    if (!is_package) {
      const auto dot = package.rfind('.');
      package = dot == std::string::npos ? "" : package.substr(0, dot);
    }
    std::size_t k = 1;
    while (k < wanted.size() && wanted[k] == '.') {
      const auto dot = package.rfind('.');
      package = dot == std::string::npos ? "" : package.substr(0, dot);
      ++k;
    }
    const std::string rest = wanted.substr(k);
    wanted = package.empty() ? rest : (rest.empty() ? package : package + "." + rest);
    if (Module* m = find_dotted(wanted, false, nullptr)) return m;
    return find_dotted(wanted, true, nullptr);
  }
  return find_dotted(wanted, true, &from);
}

Module* Workspace::by_path(const std::string& path) {
  auto it = by_path_.find(path);
  return it == by_path_.end() ? nullptr : entries_[it->second].module.get();
}

Module* Workspace::owning(const Scope* root) {
  auto it = by_root_.find(root);
  return it == by_root_.end() ? nullptr : it->second;
}

std::string Workspace::line(const std::string& path, int line) const {
  auto it = by_path_.find(path);
  if (it != by_path_.end()) {
    const Entry& e = entries_[it->second];
    if (!e.module) return "";
    const Module& m = *e.module;
    if (line < 1 || static_cast<std::size_t>(line) > m.line_starts.size()) return "";
    const std::string& text = m.tree->file().text;
    const std::size_t a = m.line_starts[static_cast<std::size_t>(line - 1)];
    const std::size_t b = static_cast<std::size_t>(line) < m.line_starts.size()
                              ? m.line_starts[static_cast<std::size_t>(line)] - 1
                              : text.size();
    return trim(text.substr(a, b - a));
  }
  return "";
}

}  // namespace kvcheck::scan
