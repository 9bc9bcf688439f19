// Every catalog variant's programs run by kvcheck's numeric interpreter and by libtorch,
// op by op in float64, on small generated configurations: every value agrees within
// kRelativeTolerance, and every shape error kvcheck reports libtorch raises at the same op.
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <algorithm>
#include <iostream>

#include "fixed_seed_check.hpp"
#include "kvcheck/model/variant.hpp"
#include "lockstep_run.hpp"
#include "shape_draws.hpp"

namespace kvcheck::torch_test {
namespace {

/// Configurations per variant: each runs every op of setup and up to six steps (four prefill
/// chunks, two decodes) on both sides.
constexpr int kConfigsPerVariant = 150;

/// What a variant's cases did.
struct VariantTally {
  int completed = 0;  ///< every step ran on both sides, every value agreed
  /// Stopped by a shape error both sides raised at the same op, with a cache that holds the
  /// whole run (the variant's own error) or one slot short of it (a write past the buffer).
  int stopped_full_cache = 0;
  int stopped_short_cache = 0;
  long ops_compared = 0;
  double worst_relative_gap = 0;
};

// n_kv_heads and group 1-3 (n_heads derived), head_dim even 2-8, batch 1-2, prompt 1-4,
// decode 0-2, hidden 1-8, sometimes a chunked prefill, and now and then a cache one slot too
// short for the run so that index_copy_'s bounds are compared too.
model::AttentionConfig draw_config() {
  model::AttentionConfig c;
  c.name = "generated";
  c.dtype = model::Dtype::kFloat64;
  c.n_kv_heads = draw_between(1, 3);
  const std::int64_t group = draw_between(1, 3);
  c.n_heads = group * c.n_kv_heads;
  c.head_dim = 2 * draw_between(1, 4);
  c.batch = draw_between(1, 2);
  c.prompt_len = draw_between(1, 4);
  c.decode_steps = draw_between(0, 2);
  c.hidden = draw_between(1, 8);
  const std::int64_t spare = draw_chance(8) ? -1 : draw_between(0, 2);
  c.max_seq_len = std::max<std::int64_t>(1, c.total_tokens() + spare);
  if (c.prompt_len > 1 && draw_chance(3)) c.prefill_chunk = draw_between(1, c.prompt_len - 1);
  return c;
}

// gtest parameter names allow only letters, digits and underscores.
std::string test_name(const std::string& variant) {
  std::string out = variant;
  std::replace(out.begin(), out.end(), '-', '_');
  return out;
}

class VariantAgainstTorch : public ::testing::TestWithParam<std::string> {};

TEST_P(VariantAgainstTorch, EveryOpMatchesLibtorch) {
  const model::Variant* variant = model::find_variant(GetParam());
  ASSERT_NE(variant, nullptr);
  VariantTally tally;
  ASSERT_TRUE(check_fixed_seed(
      "variant " + variant->name,
      [&] {
        const model::AttentionConfig config = draw_config();
        const auto seed = static_cast<std::uint64_t>(draw_between(0, 1 << 20));
        const LockstepResult run = run_lockstep(variant->impl, config, seed);
        if (run.mismatch) {
          RC_FAIL(config.summary() + " seed " + std::to_string(seed) + ": " + *run.mismatch);
        }
        tally.ops_compared += run.ops_compared;
        tally.worst_relative_gap = std::max(tally.worst_relative_gap, run.worst_relative_gap);
        if (!run.shape_error) {
          ++tally.completed;
        } else if (config.max_seq_len >= config.total_tokens()) {
          ++tally.stopped_full_cache;
        } else {
          ++tally.stopped_short_cache;
        }
      },
      {kConfigsPerVariant, 100}));

  std::cout << "[ tally    ] " << variant->name << ": " << tally.completed << " completed, "
            << tally.stopped_full_cache << " stopped by the variant's shape error, "
            << tally.stopped_short_cache << " by a cache too short, " << tally.ops_compared
            << " ops compared, worst gap " << tally.worst_relative_gap << " of the scale\n";
  EXPECT_GT(tally.completed, 0) << "no configuration ran " << variant->name << " to the end";
  // The catalog says which variants raise a shape error on a cache that holds the run; both
  // sides must then have been seen raising it, and the others never.
  if (variant->expectation("shape-safety") == model::Expectation::kFails) {
    EXPECT_GT(tally.stopped_full_cache, 0) << variant->name << "'s shape error was never reached";
  } else {
    EXPECT_EQ(tally.stopped_full_cache, 0) << variant->name << " is expected to be shape-safe";
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, VariantAgainstTorch, ::testing::ValuesIn(model::variant_names()),
                         [](const ::testing::TestParamInfo<std::string>& variant) {
                           return test_name(variant.param);
                         });

}  // namespace
}  // namespace kvcheck::torch_test
