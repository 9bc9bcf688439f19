// JUnit XML report of `kvcheck check`, for CI test dashboards: a test suite per config and
// a test case per (config, property).
#pragma once

#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// The run as JUnit XML: <testsuites> with one <testsuite name="<config path>"> per config,
/// its seed, variant and config spec as <properties>, and one <testcase classname="<config
/// name>" name="<property id>"> per verdict. REFUTED carries <failure>, INCONSISTENT
/// <error>, with the headline as message and the whole finding as text; nothing is ever
/// skipped.
std::string write_junit(const check::CheckRun& run, const WriterContext& ctx);

}  // namespace kvcheck::report
