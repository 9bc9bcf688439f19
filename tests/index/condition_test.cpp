// Condition: unions of nonzero clauses, their words and smallest configurations.
#include "kvcheck/index/condition.hpp"

#include <gtest/gtest.h>

namespace kvcheck::index {
namespace {

namespace s = sym::symbols;
using sym::Dim;

const Dim kv(s::n_kv_heads());
const Dim group(s::group());

TEST(Condition, NeverAndAlways) {
  EXPECT_TRUE(Condition::never().is_never());
  EXPECT_EQ(Condition::never().text(), "never");
  EXPECT_FALSE(Condition::never().smallest().has_value());
  EXPECT_TRUE(Condition::nonzero(Dim(3)).is_always());
  EXPECT_EQ(Condition::always().text(), "always");
  EXPECT_TRUE(Condition::nonzero(Dim(0)).is_never());
}

TEST(Condition, IntersectionMultipliesClauses) {
  const Condition both = Condition::unequal(kv, Dim(1)) & Condition::unequal(group, Dim(1));
  EXPECT_EQ(both.text(), "n_kv_heads >= 2 and group >= 2");
  ASSERT_TRUE(both.smallest().has_value());
  EXPECT_EQ(both.smallest()->to_string(), "n_kv_heads=2, group=2 (n_heads=4)");
}

TEST(Condition, UnionKeepsTheSmallestOfEitherSide) {
  const Condition either = Condition::unequal(kv, Dim(1)) | Condition::unequal(group, Dim(1));
  EXPECT_EQ(either.clauses().size(), 2u);
  EXPECT_EQ(either.text(), "n_kv_heads >= 2 or group >= 2");
  // Both single-symbol points have the same sum; n_kv_heads comes first in symbol order, so
  // the point that raises the later symbol (group) is lexicographically smaller.
  EXPECT_EQ(either.smallest()->to_string(), "group=2");
}

TEST(Condition, ClauseInsideAnotherIsDropped) {
  // (kv - 1)(group - 1) != 0 implies kv - 1 != 0: the union is just kv >= 2.
  const Condition c = Condition::nonzero((kv - Dim(1)) * (group - Dim(1))) |
                      Condition::unequal(kv, Dim(1));
  ASSERT_EQ(c.clauses().size(), 1u);
  EXPECT_EQ(c.text(), "n_kv_heads >= 2");
}

TEST(Condition, ScalarMultiplesAreOneClause) {
  const Condition c = Condition::nonzero(Dim(2) * (kv - Dim(1))) | Condition::nonzero(Dim(1) - kv);
  EXPECT_EQ(c.clauses().size(), 1u);
}

TEST(Condition, SubstituteCollapsesUnderTheMhaReduction) {
  const Condition c = Condition::unequal(kv, Dim(1)) & Condition::unequal(group, Dim(1));
  EXPECT_TRUE(c.substitute(s::group(), Dim(1)).is_never());
}

TEST(Condition, CounterModelOrderIsSumThenSymbolOrder) {
  sym::Assignment small{{s::group(), 2}};
  sym::Assignment large{{s::group(), 3}};
  EXPECT_TRUE(smaller_counter_model(small, large));
  EXPECT_FALSE(smaller_counter_model(large, small));
  sym::Assignment early{{s::batch(), 2}};
  sym::Assignment late{{s::group(), 2}};
  // Equal sums: the assignment with the later symbol raised is smaller lexicographically.
  EXPECT_TRUE(smaller_counter_model(late, early));
}

}  // namespace
}  // namespace kvcheck::index
