// kvcheck prove: the symbolic proof of a variant, op by op, or its failing obligation.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/cli/variant_option.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

struct ProveFlags {
  std::vector<std::string> variants;
};

ProveFlags prove_flags;

int run_prove() {
  const report::Style style = report::detect_style(STDOUT_FILENO);
  std::vector<std::string> names =
      prove_flags.variants.empty() ? std::vector<std::string>{"fixed"} : prove_flags.variants;
  bool all_proved = true;
  for (std::size_t i = 0; i < names.size(); ++i) {
    const model::Variant& v = variant_named(names[i]);
    if (i) fmt::print("\n");
    fmt::print("{}", report::proof_text(v, style));
    for (const props::Property* p : props::property_registry()) {
      auto proof = p->prove(v.impl);
      if (proof && proof->truth != sym::Truth::kProved) all_proved = false;
    }
  }
  return all_proved ? 0 : 1;
}

}  // namespace

void register_prove(CLI::App& app) {
  auto* prove = app.add_subcommand(
      "prove", "Prove every property for every configuration (shapes, heads, positions and "
               "masks), or show the failing obligation with its condition and smallest "
               "counter-model");
  prove->add_option("--variant", prove_flags.variants, "Variants to prove (default: fixed)");
  set_action(prove, run_prove);
}

}  // namespace kvcheck::cli
