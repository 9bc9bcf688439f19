// gen_config spends the search where the bugs live: at the default bounds, over RapidCheck's
// whole size ramp, most cases have group >= 2 and many have two or more kv heads, while the
// head counts still shrink to 1.
#include "kvcheck/check/config_gen.hpp"

#include <gtest/gtest.h>
#include <rapidcheck.h>

namespace kvcheck::check {
namespace {

TEST(ConfigGen, MostCasesAreGroupedAtEverySize) {
  const rc::Gen<model::AttentionConfig> gen = gen_config(ConfigBounds{});
  int grouped = 0;
  int two_kv = 0;
  const int draws = 2000;
  for (int k = 0; k < draws; ++k) {
    // Sizes as a 100-case search ramps them, repeated.
    const model::AttentionConfig c = gen(rc::Random(static_cast<std::uint64_t>(k) + 1), k % 100).value();
    grouped += c.group() >= 2 ? 1 : 0;
    two_kv += c.n_kv_heads >= 2 ? 1 : 0;
  }
  EXPECT_GE(grouped, draws * 70 / 100);
  EXPECT_GE(two_kv, draws / 3);
}

TEST(ConfigGen, HeadCountsShrinkToOne) {
  const rc::Gen<model::AttentionConfig> gen = gen_config(ConfigBounds{});
  // Follow the first accepted shrink of every step: the one RapidCheck tries first.
  rc::Shrinkable<model::AttentionConfig> s = gen(rc::Random(7), 100);
  for (int step = 0; step < 200; ++step) {
    auto next = s.shrinks().next();
    if (!next) break;
    s = *next;
  }
  EXPECT_EQ(s.value().n_kv_heads, 1);
  EXPECT_EQ(s.value().group(), 1);
}

}  // namespace
}  // namespace kvcheck::check
