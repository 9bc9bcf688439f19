// The report formats of `kvcheck check`, as one explicit table: the CLI's --format choices,
// their help text and the golden tests all read it.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/style.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report {

/// Writes a whole report. Only the text format reads `style`; the others are never coloured.
using FormatWriter = std::string (*)(const check::CheckRun& run, const WriterContext& ctx,
                                     const Style& style);

/// One report format.
struct Format {
  std::string_view name;         ///< the --format value, e.g. "sarif"
  std::string_view description;  ///< one line for --help
  std::string_view extension;    ///< file suffix of its golden files, e.g. "sarif"
  FormatWriter write;
};

/// Every format, in --help order: text, json, markdown, sarif, junit, github.
std::span<const Format> format_registry();

/// The format called `name`, or nullptr.
const Format* find_format(std::string_view name);

/// The names, in registry order (for CLI11's choice check).
std::vector<std::string> format_names();

}  // namespace kvcheck::report
