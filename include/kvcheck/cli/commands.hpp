// The subcommands: each lives in its own file, registers its options on the CLI11 app and
// the action that runs when it is selected.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace kvcheck::cli {

/// What a subcommand does once parsed; returns the process exit code.
using Action = std::function<int()>;

/// Records the action of subcommand `sub`.
void set_action(const CLI::App* sub, Action action);

/// Adds every subcommand to `app`.
void register_commands(CLI::App& app);

/// Runs the parsed subcommand; returns the process exit code.
int run_selected(const CLI::App& app);

// One per file, src/cli/<name>_command.cpp.
void register_verify(CLI::App& app);
void register_prove(CLI::App& app);
void register_catalog(CLI::App& app);  ///< `variants` and `properties`
void register_replay(CLI::App& app);
void register_check(CLI::App& app);
void register_demo(CLI::App& app);
void register_scan(CLI::App& app);

}  // namespace kvcheck::cli
