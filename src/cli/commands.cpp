// Subcommands: option parsing with CLI11, the work done by the layers below, text to stdout.
#include "kvcheck/cli/commands.hpp"

#include <fmt/core.h>
#include <unistd.h>

#include <functional>
#include <map>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/check/verify_run.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

struct VerifyFlags {
  std::vector<std::string> variants;
  std::vector<std::string> properties;
  std::uint64_t seed = 1;
  int cases = 100;
  bool full_range = false;
  bool expect_pass = false;
};

struct ProveFlags {
  std::vector<std::string> variants;
};

struct ReplayFlags {
  std::string variant = "fixed";
  std::string property;
  std::string config;
  std::uint64_t seed = 1;
};

VerifyFlags verify_flags;
ProveFlags prove_flags;
ReplayFlags replay_flags;
std::map<const CLI::App*, std::function<int()>> actions;

int run_verify() {
  check::VerifyOptions options;
  options.variants = verify_flags.variants;
  options.properties = verify_flags.properties;
  options.params.seed = verify_flags.seed;
  options.params.max_success = verify_flags.cases;
  options.params.full_range = verify_flags.full_range;
  const check::VerifyRun run = check::run_verify(options);
  fmt::print("{}", report::verify_text(run, report::detect_style(STDOUT_FILENO)));
  if (verify_flags.expect_pass) return run.failures() == 0 && run.mismatches() == 0 ? 0 : 1;
  return run.mismatches() == 0 ? 0 : 1;
}

const model::Variant& variant_named(const std::string& name) {
  const model::Variant* v = model::find_variant(name);
  if (!v) {
    std::string known;
    for (const auto& n : model::variant_names()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("", 0, "--variant", "unknown variant '" + name + "'; known: " + known);
  }
  return *v;
}

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

int run_replay() {
  const model::Variant& variant = variant_named(replay_flags.variant);
  if (!props::find_property(replay_flags.property)) {
    throw InputError("", 0, "--property", "unknown property '" + replay_flags.property + "'");
  }
  const model::AttentionConfig config = check::parse_config_spec(replay_flags.config);
  const props::Property& property = *props::find_property(replay_flags.property);
  check::Verdict v;
  v.variant = variant.name;
  v.property = property.id();
  v.seed = replay_flags.seed;
  v.proof = property.prove(variant.impl);
  props::Case c{config, variant.impl, replay_flags.seed};
  auto failure = property.check(c);
  const report::Style style = report::detect_style(STDOUT_FILENO);
  if (!failure) {
    fmt::print("{} / {}: holds on {}\n", variant.name, property.id(), check::config_spec(config));
    return 0;
  }
  v.status = check::Status::kRefuted;
  v.search.counterexample = c;
  v.search.failure = std::move(failure);
  fmt::print("{}", report::counterexample_text(v, style));
  return 1;
}

}  // namespace

void register_commands(CLI::App& app) {
  auto* verify = app.add_subcommand(
      "verify", "Run every property on every catalog variant; print the verdict matrix");
  verify->add_option("--variant", verify_flags.variants, "Only these variants (repeatable)");
  verify->add_option("--property", verify_flags.properties, "Only these properties (repeatable)");
  verify->add_option("--seed", verify_flags.seed, "Seed of the search and of the numbers");
  verify->add_option("--cases", verify_flags.cases, "Passing cases needed per property")
      ->check(CLI::Range(1, 1000000));
  verify->add_flag("--full-range", verify_flags.full_range,
                   "Draw every case at the full bounds instead of growing sizes");
  verify->add_flag("--expect-pass", verify_flags.expect_pass,
                   "Exit 1 if any property fails, even where the catalog expects it");
  actions[verify] = run_verify;

  auto* prove = app.add_subcommand(
      "prove", "Prove shape safety and the cache footprint for every configuration, or show "
               "the failing obligation");
  prove->add_option("--variant", prove_flags.variants, "Variants to prove (default: fixed)");
  actions[prove] = run_prove;

  actions[app.add_subcommand("variants", "List the variant catalog with explanations")] =
      run_variants;
  actions[app.add_subcommand("properties", "List the properties")] = run_properties;

  auto* replay = app.add_subcommand("replay", "Re-run one counterexample exactly");
  replay->add_option("--variant", replay_flags.variant, "Variant name")->required();
  replay->add_option("--property", replay_flags.property, "Property id")->required();
  replay->add_option("--config", replay_flags.config, "Config spec, as reports print it")
      ->required();
  replay->add_option("--seed", replay_flags.seed, "Seed of the numbers");
  actions[replay] = run_replay;
}

int run_selected(const CLI::App& app) {
  for (const CLI::App* sub : app.get_subcommands()) {
    auto it = actions.find(sub);
    if (it != actions.end()) return it->second();
  }
  throw InputError("", 0, "", "no subcommand given; see kvcheck --help");
}

}  // namespace kvcheck::cli
