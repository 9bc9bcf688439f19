// Markdown report of `kvcheck check`, compact enough for a pull-request comment.
#pragma once

#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// A verdict table (one row per config, one column per property: ✅ holds, ❌ fails,
/// ⚠️ latent), the cache memory of each config, then a collapsible section per failure
/// and per latent finding with its replay command.
std::string write_markdown(const check::CheckRun& run, const WriterContext& ctx);

}  // namespace kvcheck::report
