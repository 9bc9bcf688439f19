// Scanning Python written in a test: files in a fresh folder, then the whole scan.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "kvcheck/scan/scan.hpp"
#include "temp_folder.hpp"

namespace kvcheck::scan::testing {

class ScanTest : public TempFolderTest {
 protected:
  /// Scans the folder; findings as "rule:line" in order.
  std::vector<std::string> rules_and_lines() {
    result_ = scan(ScanOptions{{root_.string()}, {}});
    std::vector<std::string> out;
    for (const Finding& f : result_.findings) out.push_back(f.rule + ":" + std::to_string(f.where.at.line));
    return out;
  }
  /// The implementation recognised at the first site that has one.
  std::string implementation() const {
    for (const SiteTrace& s : result_.sites) {
      if (!s.choices.implementation().empty()) return s.choices.implementation();
    }
    return "";
  }
  ScanResult result_;
};

}  // namespace kvcheck::scan::testing
