// WriterContext: what a report writer needs besides the run itself. It holds nothing
// machine-specific (no absolute paths, no clock), so the same run gives the same bytes.
#pragma once

#include <string>

namespace kvcheck::report {

/// The tool's identity and the command to show in a report.
struct WriterContext {
  /// kvcheck's version, e.g. "0.1.0" (see kvcheck_version()).
  std::string tool_version;
  /// The command line as the user would retype it, e.g. "kvcheck check --format sarif
  /// configs/"; empty when not known. The caller keeps it free of absolute paths.
  std::string command_line;
};

/// The version of this build of kvcheck (CMake's PROJECT_VERSION).
std::string kvcheck_version();

}  // namespace kvcheck::report
