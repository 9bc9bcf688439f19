// JSON report of `kvcheck check`: every field of the in-memory run, in the versioned schema
// docs/report-schema.json.
#pragma once

#include <string>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// The version of docs/report-schema.json this writer produces; bumped on any change a
/// consumer could notice (a key renamed, removed or retyped).
inline constexpr int kJsonSchemaVersion = 4;

/// The run as one JSON document (two-space indent, keys in schema order, ending in '\n').
std::string write_json(const check::CheckRun& run, const WriterContext& ctx);

}  // namespace kvcheck::report
