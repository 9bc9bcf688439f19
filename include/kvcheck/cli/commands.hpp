// The subcommands: each registers its options on the CLI11 app and runs when selected.
#pragma once

#include <CLI/CLI.hpp>

namespace kvcheck::cli {

/// Adds verify, prove, variants, properties and replay to `app`.
void register_commands(CLI::App& app);

/// Runs the parsed subcommand; returns the process exit code.
int run_selected(const CLI::App& app);

}  // namespace kvcheck::cli
