// collect_python_files: folders expanded into the Python files a scan should read.
#include "kvcheck/scan/python_files.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::scan {
namespace {

namespace fs = std::filesystem;

/// Folders that hold no code of the project being scanned.
bool skipped_folder(const fs::path& dir) {
  const std::string name = dir.filename().string();
  if (!name.empty() && name[0] == '.') return true;
  static const std::set<std::string> kNames = {"__pycache__", "site-packages", "dist-packages",
                                               "node_modules"};
  if (kNames.count(name)) return true;
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec);
}

bool excluded(const std::string& path, const std::vector<std::string>& excludes) {
  const std::string name = fs::path(path).filename().string();
  for (const std::string& glob : excludes) {
    if (fnmatch(glob.c_str(), path.c_str(), 0) == 0) return true;
    if (fnmatch(glob.c_str(), name.c_str(), 0) == 0) return true;
  }
  return false;
}

std::vector<std::string> files_below(const std::string& folder) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, fs::directory_options::none, ec);
  if (ec) throw InputError(folder, 0, "", "cannot list folder: " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw InputError(folder, 0, "", "cannot list folder: " + ec.message());
    const fs::path& path = it->path();
    if (it->is_directory(ec)) {
      if (skipped_folder(path)) it.disable_recursion_pending();
      continue;
    }
    if (it->is_regular_file(ec) && path.extension() == ".py") found.push_back(path.generic_string());
  }
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

std::vector<std::string> collect_python_files(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& excludes) {
  std::vector<std::string> files;
  std::set<std::string> seen;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) throw InputError(path, 0, "", "no such file or folder");
    std::vector<std::string> here;
    if (fs::is_directory(status)) {
      here = files_below(path);
    } else {
      here = {path};
    }
    for (const std::string& f : here) {
      if (excluded(f, excludes)) continue;
      const std::string key = fs::weakly_canonical(f, ec).generic_string();
      if (seen.insert(ec ? f : key).second) files.push_back(f);
    }
  }
  return files;
}

}  // namespace kvcheck::scan
