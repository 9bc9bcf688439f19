// GitHub Actions workflow-command annotations for `kvcheck check`: they mark the config
// file's line in the pull request.
#pragma once

#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// One `::error file=..,line=..,title=kvcheck <property>::<message>` line per failure and
/// one `::warning ...` line per latent finding; empty when there is nothing to say.
std::string write_github(const check::CheckRun& run, const WriterContext& ctx);

}  // namespace kvcheck::report
