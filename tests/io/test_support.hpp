// Shared support code of the io tests: fixture paths, inline configs, and the Markdown
// tables that document the fixtures and double as the tests' expectations.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/loaded_config.hpp"
#include "kvcheck/io/not_checkable.hpp"

namespace kvcheck::io::testing {

/// `relative` (e.g. "fixtures/configs") below the source tree.
std::string source_path(const std::string& relative);

/// Reads an inline YAML / JSON config named "inline.yaml" / "inline.json" in errors.
LoadedConfig read_yaml(const std::string& text);
LoadedConfig read_json(const std::string& text);

/// The InputError `action` throws; a test failure (and an empty error) when it throws none.
InputError input_error_of(const std::function<void()>& action);
/// The NotCheckable `action` throws; a test failure when it throws none or another error.
NotCheckable not_checkable_of(const std::function<void()>& action);

/// The data rows of the first Markdown table in `path`, cells trimmed and stripped of
/// surrounding backticks.
std::vector<std::vector<std::string>> markdown_rows(const std::string& path);
/// Every Markdown table in `path`, in order, each as markdown_rows gives the first.
std::vector<std::vector<std::vector<std::string>>> markdown_tables(const std::string& path);

}  // namespace kvcheck::io::testing
