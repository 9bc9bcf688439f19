// Assignment: lookups, totals and the "n_kv_heads=1, group=2 (n_heads=2)" printing.
#include "kvcheck/sym/assignment.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace kvcheck::sym {
namespace {

using symbols::batch;
using symbols::group;
using symbols::n_kv_heads;
using symbols::pos;

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();

struct PrintCase {
  Assignment values;
  std::string text;
};

TEST(Assignment, PrintsInSymbolOrderWithDerivedHeadCount) {
  const std::vector<PrintCase> table = {
      {{}, ""},
      {{{batch(), 2}}, "batch=2"},
      // Insertion order does not matter; symbol order does.
      {{{pos(), 0}, {batch(), 3}}, "batch=3, pos=0"},
      {{{group(), 2}, {n_kv_heads(), 1}}, "n_kv_heads=1, group=2 (n_heads=2)"},
      {{{group(), 4}, {n_kv_heads(), 3}, {batch(), 1}},
       "batch=1, n_kv_heads=3, group=4 (n_heads=12)"},
      {{{group(), 2}}, "group=2"},
      {{{n_kv_heads(), 2}}, "n_kv_heads=2"},
      // A head count beyond int64 is left out rather than overflowing.
      {{{group(), kMax}, {n_kv_heads(), 2}}, "n_kv_heads=2, group=9223372036854775807"},
      {{{batch(), -5}}, "batch=-5"},
  };
  for (const auto& row : table) EXPECT_EQ(row.values.to_string(), row.text);
}

TEST(Assignment, LooksUpValuesAndLowerBounds) {
  Assignment a{{batch(), 4}};
  EXPECT_EQ(a.get(batch()), 4);
  EXPECT_EQ(a.get(group()), std::nullopt);
  EXPECT_TRUE(a.contains(batch()));
  EXPECT_FALSE(a.contains(pos()));
  EXPECT_EQ(a.get_or_lower_bound(batch()), 4);
  EXPECT_EQ(a.get_or_lower_bound(group()), 1);
  EXPECT_EQ(a.get_or_lower_bound(pos()), 0);
  a.set(batch(), 7);
  a.set(pos(), 2);
  EXPECT_EQ(a.get(batch()), 7);
  EXPECT_EQ(a.size(), 2u);
  EXPECT_FALSE(a.empty());
  EXPECT_TRUE(Assignment().empty());
}

TEST(Assignment, TotalsAndEquality) {
  EXPECT_EQ(Assignment().total(), 0);
  EXPECT_EQ((Assignment{{batch(), 2}, {pos(), 0}, {group(), 3}}).total(), 5);
  EXPECT_THROW((Assignment{{batch(), kMax}, {group(), 1}}).total(), std::overflow_error);
  EXPECT_EQ((Assignment{{batch(), 2}, {pos(), 0}}), (Assignment{{pos(), 0}, {batch(), 2}}));
  EXPECT_NE((Assignment{{batch(), 2}}), (Assignment{{batch(), 2}, {pos(), 0}}));
  EXPECT_NE((Assignment{{batch(), 2}}), (Assignment{{batch(), 3}}));
}

TEST(Assignment, ValuesFollowSymbolOrder) {
  const Assignment a{{pos(), 1}, {group(), 2}, {batch(), 3}};
  std::vector<Symbol> order;
  for (const auto& [s, v] : a.values()) order.push_back(s);
  EXPECT_EQ(order, (std::vector<Symbol>{batch(), group(), pos()}));
}

}  // namespace
}  // namespace kvcheck::sym
