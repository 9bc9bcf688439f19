// The text report of `kvcheck check`: per config, verdicts, memory, latent findings and
// counterexamples; then a summary line.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/style.hpp"

namespace kvcheck::report {

/// The whole report, for people.
std::string check_text(const check::CheckRun& run, const Style& style);

/// "1.5 GiB", "128 KiB", "512 B": binary units, one decimal where it helps.
std::string human_bytes(std::int64_t bytes);

}  // namespace kvcheck::report
