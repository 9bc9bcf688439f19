// Helpers for the report tests: files of the source tree, golden comparison, scratch
// folders, and running the external validators that scripts/setup.sh installs.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace kvcheck::report::testing {

/// `relative` under the source tree, e.g. "fixtures/reports/mixed.json".
std::string source_path(const std::string& relative);

/// The whole file; `*ok` (when given) says whether it could be read.
std::string read_text(const std::string& path, bool* ok = nullptr);

/// Compares `actual` with fixtures/reports/<file> byte for byte. With the environment
/// variable KVCHECK_UPDATE_GOLDENS=1 it rewrites the golden file instead (and passes).
::testing::AssertionResult matches_golden(const std::string& file, const std::string& actual);

/// A new empty folder under the system's temporary folder; removed by the caller.
std::string scratch_dir();

/// Exit status and combined stdout + stderr of a program run without a shell.
struct ToolRun {
  int exit_code = -1;
  std::string output;
};
ToolRun run_tool(const std::vector<std::string>& argv);

/// A program that scripts/setup.sh installs under .tools/ in the source tree.
std::string project_tool(const std::string& relative);

}  // namespace kvcheck::report::testing
