// Monomial: canonical factors, products, division, gcd, the term order and printing.
#include <gtest/gtest.h>

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym {
namespace {

Monomial m(Symbol s, std::uint16_t e = 1) { return Monomial(s, e); }
const Monomial kOne;

Monomial batch(std::uint16_t e = 1) { return m(symbols::batch(), e); }
Monomial kv(std::uint16_t e = 1) { return m(symbols::n_kv_heads(), e); }
Monomial group(std::uint16_t e = 1) { return m(symbols::group(), e); }
Monomial head_dim(std::uint16_t e = 1) { return m(symbols::head_dim(), e); }
Monomial pos(std::uint16_t e = 1) { return m(symbols::pos(), e); }

TEST(Monomial, ConstructorKeepsOnlyPositiveExponents) {
  EXPECT_TRUE(kOne.is_constant());
  EXPECT_TRUE(m(symbols::batch(), 0).is_constant());
  EXPECT_EQ(m(symbols::batch(), 0), kOne);
  EXPECT_EQ(batch(3).exponent(symbols::batch()), 3);
  EXPECT_EQ(batch(3).exponent(symbols::group()), 0);
  EXPECT_EQ(batch(3).degree(), 3);
  EXPECT_EQ(kOne.degree(), 0);
}

struct ProductCase {
  Monomial a, b;
  std::string product;
  int degree;
};

TEST(Monomial, ProductsMergeSortedFactors) {
  const std::vector<ProductCase> table = {
      {kOne, kOne, "1", 0},
      {batch(), kOne, "batch", 1},
      {head_dim(), batch(), "batch*head_dim", 2},
      {batch(), batch(2), "batch^3", 3},
      {group(), kv(), "n_heads", 2},
      {kv() * head_dim(), group() * batch(), "batch*n_heads*head_dim", 4},
      {pos(), batch() * pos(), "batch*pos^2", 3},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.product);
    const Monomial p = row.a * row.b;
    EXPECT_EQ(p.to_string(), row.product);
    EXPECT_EQ(p.degree(), row.degree);
    EXPECT_EQ(row.b * row.a, p);
  }
  EXPECT_EQ((head_dim() * batch()).factors(),
            (std::vector<std::pair<Symbol, std::uint16_t>>{{symbols::batch(), 1},
                                                            {symbols::head_dim(), 1}}));
}

TEST(Monomial, ExponentOverflowThrows) {
  EXPECT_EQ((batch(65534) * batch()).exponent(symbols::batch()), 65535);
  EXPECT_THROW(batch(65535) * batch(), std::overflow_error);
}

struct DivideCase {
  Monomial a, b;
  std::optional<std::string> quotient;
};

TEST(Monomial, DivideSucceedsOnlyForDivisors) {
  const std::vector<DivideCase> table = {
      {batch(), kOne, "batch"},
      {batch(), batch(), "1"},
      {batch(2) * group(), batch(), "batch*group"},
      {batch(2) * group(), group(), "batch^2"},
      {group() * kv() * head_dim(), group() * kv(), "head_dim"},
      {batch(), batch(2), std::nullopt},
      {batch(), group(), std::nullopt},
      {kOne, pos(), std::nullopt},
      {batch() * head_dim(), batch() * group(), std::nullopt},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.a.to_string() + " / " + row.b.to_string());
    const auto q = divide(row.a, row.b);
    ASSERT_EQ(q.has_value(), row.quotient.has_value());
    if (!q) continue;
    EXPECT_EQ(q->to_string(), *row.quotient);
    EXPECT_EQ(*q * row.b, row.a);
  }
}

TEST(Monomial, GcdTakesMinimumExponents) {
  const std::vector<std::pair<std::pair<Monomial, Monomial>, std::string>> table = {
      {{batch(2) * group(), batch() * group(3)}, "batch*group"},
      {{batch(), group()}, "1"},
      {{kOne, batch()}, "1"},
      {{kv(2) * group(2) * pos(), kv() * group() * pos(4)}, "n_heads*pos"},
  };
  for (const auto& [args, expected] : table) {
    EXPECT_EQ(gcd(args.first, args.second).to_string(), expected);
    EXPECT_EQ(gcd(args.second, args.first).to_string(), expected);
  }
}

TEST(Monomial, TermOrderIsGradedThenLexicographic) {
  // Each monomial comes before every later one: higher degree first, then the one with the
  // larger exponent of the earliest symbol where they differ; the constant last.
  const std::vector<Monomial> descending = {
      batch(3), batch(2) * kv(), batch() * group(2), kv(2) * head_dim(),
      batch(2),  batch() * head_dim(), kv() * group(), group() * pos(),
      batch(),   head_dim(),           pos(),          kOne,
  };
  for (std::size_t i = 0; i < descending.size(); ++i) {
    for (std::size_t j = 0; j < descending.size(); ++j) {
      SCOPED_TRACE(descending[i].to_string() + " vs " + descending[j].to_string());
      EXPECT_EQ(descending[i] < descending[j], i < j);
    }
  }
}

TEST(Monomial, PrintsHeadCountsAsUsersWriteThem) {
  const std::vector<std::pair<Monomial, std::string>> table = {
      {kOne, "1"},
      {kv(), "n_kv_heads"},
      {group(), "group"},
      {group() * kv(), "n_heads"},
      {group(2) * kv(2), "n_heads^2"},
      {group(2) * kv(), "n_heads*group"},
      {group() * kv(3), "n_heads*n_kv_heads^2"},
      {batch() * group() * kv() * head_dim() * pos(2), "batch*n_heads*head_dim*pos^2"},
  };
  for (const auto& [mono, text] : table) EXPECT_EQ(mono.to_string(), text);
}

}  // namespace
}  // namespace kvcheck::sym
