// kvcheck prove: the symbolic proof of a variant, op by op, or its failing obligation.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/cli/variant_option.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

struct ProveFlags {
  std::vector<std::string> variants;
  std::string impl;
};

ProveFlags prove_flags;

int run_prove() {
  const report::Style style = report::detect_style(STDOUT_FILENO);
  std::vector<model::Variant> variants;
  for (const std::string& name : prove_flags.variants) variants.push_back(variant_named(name));
  if (!prove_flags.impl.empty()) {
    // An implementation that is no catalog variant, spelled as replay --impl spells it.
    model::Variant custom;
    custom.name = "custom";
    custom.impl = check::parse_impl_spec(prove_flags.impl);
    custom.summary = "the implementation given by --impl";
    variants.push_back(custom);
  }
  if (variants.empty()) variants.push_back(variant_named("fixed"));
  bool all_proved = true;
  for (std::size_t i = 0; i < variants.size(); ++i) {
    const model::Variant& v = variants[i];
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
  prove->add_option("--impl", prove_flags.impl,
                    "An implementation to prove, e.g. \"cache=n_kv_heads order=write-then-repeat "
                    "repeat=tile mask=written-prefix rope=absolute layout=BLHD attention=matmul\"");
  set_action(prove, run_prove);
}

}  // namespace kvcheck::cli
