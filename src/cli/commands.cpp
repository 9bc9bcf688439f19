// The subcommand registry: which action runs for the parsed subcommand.
#include "kvcheck/cli/commands.hpp"

#include <map>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::cli {
namespace {

std::map<const CLI::App*, Action>& actions() {
  static std::map<const CLI::App*, Action> registry;
  return registry;
}

}  // namespace

void set_action(const CLI::App* sub, Action action) { actions()[sub] = std::move(action); }

void register_commands(CLI::App& app) {
  register_verify(app);
  register_prove(app);
  register_catalog(app);
  register_replay(app);
  register_check(app);
  register_demo(app);
  register_scan(app);
}

int run_selected(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = actions().find(sub);
    if (it != actions().end()) return it->second();
  }
  throw InputError("", 0, "", "no subcommand given; see kvcheck --help");
}

}  // namespace kvcheck::cli
