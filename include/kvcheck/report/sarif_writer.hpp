// SARIF 2.1.0 report of `kvcheck check`, for code-scanning services: one rule per property
// and one per latent property, results located at the line of the config that matters.
#pragma once

#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// The run as one SARIF 2.1.0 log with one run (two-space indent, ending in '\n').
/// Failures are results at level "error" with ruleId = property id; latent findings are
/// results at level "warning" with ruleId "latent-<property id>". Each result carries a
/// "kvcheck/v1" partial fingerprint that ignores seeds and numbers.
std::string write_sarif(const check::CheckRun& run, const WriterContext& ctx);

}  // namespace kvcheck::report
