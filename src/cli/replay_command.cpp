// kvcheck replay: re-runs one counterexample from the flags a report printed.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/check/verdict.hpp"
#include "kvcheck/cli/variant_option.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/report/text_report.hpp"

namespace kvcheck::cli {
namespace {

struct ReplayFlags {
  std::string variant = "fixed";
  std::string impl;
  std::string property;
  std::string config;
  std::uint64_t seed = 1;
};

ReplayFlags replay_flags;

int run_replay() {
  const bool custom = !replay_flags.impl.empty();
  const model::Implementation impl = custom ? check::parse_impl_spec(replay_flags.impl)
                                            : variant_named(replay_flags.variant).impl;
  const std::string variant_name = custom ? "custom" : replay_flags.variant;
  if (!props::find_property(replay_flags.property)) {
    throw InputError("", 0, "--property", "unknown property '" + replay_flags.property + "'");
  }
  const model::AttentionConfig config = check::parse_config_spec(replay_flags.config);
  const props::Property& property = *props::find_property(replay_flags.property);
  check::Verdict v;
  v.variant = variant_name;
  v.impl = impl;
  v.property = property.id();
  v.seed = replay_flags.seed;
  v.proof = property.prove(impl);
  props::Case c{config, impl, replay_flags.seed};
  auto failure = property.check(c);
  const report::Style style = report::detect_style(STDOUT_FILENO);
  if (!failure) {
    fmt::print("{} / {}: holds on {}\n", variant_name, property.id(), check::config_spec(config));
    return 0;
  }
  v.status = check::Status::kRefuted;
  v.search.counterexample = c;
  v.search.failure = std::move(failure);
  fmt::print("{}", report::counterexample_text(v, style));
  return 1;
}

}  // namespace

void register_replay(CLI::App& app) {
  auto* replay = app.add_subcommand("replay", "Re-run one counterexample exactly");
  auto* variant =
      replay->add_option("--variant", replay_flags.variant, "Catalog variant (default fixed)");
  replay->add_option("--impl", replay_flags.impl,
                     "An implementation that is no catalog variant, as reports print it")
      ->excludes(variant);
  replay->add_option("--property", replay_flags.property, "Property id")->required();
  replay->add_option("--config", replay_flags.config, "Config spec, as reports print it")
      ->required();
  replay->add_option("--seed", replay_flags.seed, "Seed of the numbers");
  set_action(replay, run_replay);
}

}  // namespace kvcheck::cli
