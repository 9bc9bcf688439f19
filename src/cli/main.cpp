// kvcheck's command line: subcommands, exit codes (0 holds, 1 a property fails, 2 bad input
// or usage), and the one place where InputError is caught.
#include <CLI/CLI.hpp>
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <new>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/report/escape.hpp"

int main(int argc, char** argv) {
  CLI::App app{"kvcheck: proves and property-checks attention with a KV cache and "
               "grouped-query attention"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "kvcheck 0.1.0");
  kvcheck::cli::register_commands(app);
  try {
    app.parse(argc, argv);
    return kvcheck::cli::run_selected(app);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    // CLI11 quotes the arguments it rejects: shown escaped, as every message from input is.
    fmt::print(stderr, "kvcheck: error: {}\n", kvcheck::report::terminal_safe(e.what()));
    return 2;
  } catch (const kvcheck::InputError& e) {
    fmt::print(stderr, "kvcheck: error: {}\n", kvcheck::report::terminal_safe(e.what()));
    return 2;
  } catch (const std::bad_alloc&) {
    fmt::print(stderr, "kvcheck: error: out of memory\n");
    return 3;
  } catch (const std::exception& e) {
    fmt::print(stderr, "kvcheck: internal error: {}\n", kvcheck::report::terminal_safe(e.what()));
    return 3;
  }
}
