// kvcheck verify: the verdict matrix of catalog variants x properties.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/check/verify_run.hpp"
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

VerifyFlags verify_flags;

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

}  // namespace

void register_verify(CLI::App& app) {
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
  set_action(verify, run_verify);
}

}  // namespace kvcheck::cli
