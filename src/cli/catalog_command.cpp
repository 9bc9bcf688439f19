// kvcheck variants and kvcheck properties: the catalogs, for people choosing what to run.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/classification_text.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

bool all_implementations = false;

int run_variants() {
  const report::Style style = report::detect_style(STDOUT_FILENO);
  if (all_implementations) {
    fmt::print("{}", report::classification_text(check::classify_all(), style));
    return 0;
  }
  fmt::print("{}", report::variants_text(style));
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
  auto* variants = app.add_subcommand("variants", "List the variant catalog with explanations");
  variants->add_flag("--all", all_implementations,
                     "Classify every combination of implementation choices by proof");
  set_action(variants, run_variants);
  set_action(app.add_subcommand("properties", "List the properties"), run_properties);
}

}  // namespace kvcheck::cli
