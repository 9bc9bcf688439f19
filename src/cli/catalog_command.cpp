// kvcheck variants and kvcheck properties: the catalogs, for people choosing what to run.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

int run_variants() {
  fmt::print("{}", report::variants_text(report::detect_style(STDOUT_FILENO)));
  return 0;
}

int run_properties() {
  for (const props::Property* p : props::property_registry()) {
    fmt::print("{:<20}{}\n", p->id(), p->description());
  }
  return 0;
}

}  // namespace

void register_catalog(CLI::App& app) {
  set_action(app.add_subcommand("variants", "List the variant catalog with explanations"),
             run_variants);
  set_action(app.add_subcommand("properties", "List the properties"), run_properties);
}

}  // namespace kvcheck::cli
