// Dim: canonical form, arithmetic, printing and the counter-model search.
#include "kvcheck/sym/dim.hpp"

#include <gtest/gtest.h>

#include "kvcheck/sym/decide.hpp"

namespace kvcheck::sym {
namespace {

TEST(Dim, NHeadsPrintsAsNHeads) {
  EXPECT_EQ(Dim::n_heads().to_string(), "n_heads");
  EXPECT_EQ((Dim::n_heads() - Dim(symbols::n_kv_heads())).to_string(), "n_heads - n_kv_heads");
}

TEST(Dim, SmallestCounterModelOfHeadMismatch) {
  auto cm = smallest_counter_model(Dim(symbols::n_kv_heads()), Dim::n_heads());
  ASSERT_TRUE(cm.has_value());
  EXPECT_EQ(cm->to_string(), "n_kv_heads=1, group=2 (n_heads=2)");
  EXPECT_EQ(nonzero_condition(Dim::n_heads() - Dim(symbols::n_kv_heads())), "group >= 2");
}

}  // namespace
}  // namespace kvcheck::sym
