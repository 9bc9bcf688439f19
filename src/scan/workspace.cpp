// Workspace: modules by dotted name and import resolution across the scanned files.
#include "kvcheck/scan/workspace.hpp"

namespace kvcheck::scan {
namespace {

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

Module& Workspace::add(SyntaxTree tree) { return adopt(make_module(std::move(tree))); }

Module& Workspace::adopt(std::unique_ptr<Module> module) {
  modules_.push_back(std::move(module));
  return *modules_.back();
}

std::unique_ptr<Module> make_module(SyntaxTree tree) {
  auto m = std::make_unique<Module>();
  m->path = tree.file().path;
  m->dotted = dotted_name(m->path);
  const std::string& text = tree.file().text;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    m->lines.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  m->tree = std::make_unique<SyntaxTree>(std::move(tree));
  m->scope = bind_module(*m->tree);
  return m;
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
    for (auto& m : modules_) {
      if (m->dotted == wanted) return m.get();
    }
    for (auto& m : modules_) {
      if (ends_with_part(m->dotted, wanted)) return m.get();
    }
    return nullptr;
  }
  for (auto& m : modules_) {
    if (m.get() != &from && ends_with_part(m->dotted, wanted)) return m.get();
  }
  return nullptr;
}

std::string Workspace::line(const std::string& path, int line) const {
  for (const auto& m : modules_) {
    if (m->path != path) continue;
    if (line < 1 || static_cast<std::size_t>(line) > m->lines.size()) return "";
    return trim(m->lines[static_cast<std::size_t>(line - 1)]);
  }
  return "";
}

}  // namespace kvcheck::scan
