// Expanding folders into the config files they hold, in an order that does not depend on
// the file system's listing order.
#include <algorithm>
#include <cctype>
#include <filesystem>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/load_config.hpp"

namespace kvcheck::io {
namespace {

namespace fs = std::filesystem;

bool is_config_name(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".json" || ext == ".yaml" || ext == ".yml";
}

bool is_hidden(const fs::path& path) {
  const std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

/// Config files below `folder`, sorted. Hidden entries are skipped with everything inside
/// them (.git, editor folders).
std::vector<std::string> files_below(const std::string& folder) {
  std::vector<std::string> found;
  std::error_code ec;
  fs::recursive_directory_iterator it(folder, ec);
  if (ec) throw InputError(folder, 0, "", "cannot list folder: " + ec.message());
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) throw InputError(folder, 0, "", "cannot list folder: " + ec.message());
    const fs::path& path = it->path();
    if (is_hidden(path)) {
      if (it->is_directory(ec)) it.disable_recursion_pending();
      continue;
    }
    // Anything named like a config that is not a folder is listed, FIFOs, devices and broken
    // or looping links included: reading it reports what it is, rather than the run passing
    // over a file the user meant to check.
    if (is_config_name(path) && !it->is_directory(ec)) found.push_back(path.generic_string());
  }
  // Plain byte order: the same on every machine and locale.
  std::sort(found.begin(), found.end());
  return found;
}

}  // namespace

std::vector<ConfigInput> collect_config_inputs(const std::vector<std::string>& paths) {
  std::vector<ConfigInput> files;
  for (const std::string& path : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) {
      // A link that loops or points nowhere is reported by the reader, which says which.
      std::error_code link_ec;
      if (!fs::is_symlink(fs::symlink_status(path, link_ec))) {
        throw InputError(path, 0, "", "no such file or folder");
      }
      files.push_back({path, true});
    } else if (fs::is_directory(status)) {
      for (std::string& below : files_below(path)) files.push_back({std::move(below), false});
    } else {
      files.push_back({path, true});
    }
  }
  return files;
}

std::vector<std::string> collect_config_files(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (ConfigInput& input : collect_config_inputs(paths)) files.push_back(std::move(input.path));
  return files;
}

}  // namespace kvcheck::io
