// scan: Python files in, findings and traced attention sites out.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/scan/finding.hpp"

namespace kvcheck::scan {

struct ScanOptions {
  std::vector<std::string> paths;     ///< files and folders
  std::vector<std::string> excludes;  ///< --exclude globs
};

/// Reads, parses and interprets every Python file under `paths`. Files that cannot be read
/// or parsed get a note and are skipped; the others are analysed together (imports across
/// them resolve). Throws InputError only for a path that does not exist.
ScanResult scan(const ScanOptions& options);

}  // namespace kvcheck::scan
