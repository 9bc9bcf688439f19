// Which Python files a scan reads: files as given, folders recursively (.py only), without
// hidden folders, __pycache__, virtualenvs and installed packages, minus --exclude globs.
#pragma once

#include <string>
#include <vector>

namespace kvcheck::scan {

/// The .py files of `paths`, in byte order within each folder, each path once. A file named
/// directly is read whatever its extension. A folder is skipped with everything inside it
/// when its name starts with '.', is __pycache__, site-packages, dist-packages or
/// node_modules, or it holds a pyvenv.cfg (a virtualenv). An `excludes` glob (fnmatch, '*'
/// crossing '/') removes a file when it matches the path as listed or the file name.
/// A path that does not exist raises kvcheck::InputError naming it.
std::vector<std::string> collect_python_files(const std::vector<std::string>& paths,
                                              const std::vector<std::string>& excludes = {});

}  // namespace kvcheck::scan
