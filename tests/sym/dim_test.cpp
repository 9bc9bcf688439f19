// Dim: canonical form, arithmetic, printing, division, evaluation, substitution and the
// counter-model search on the head mismatch.
#include "kvcheck/sym/dim.hpp"

#include <gtest/gtest.h>

#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "kvcheck/sym/decide.hpp"
#include "sym_names.hpp"

namespace kvcheck::sym {
namespace {

using namespace test;  // NOLINT: the short dim names are the point of these tables

constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
constexpr std::int64_t kMin = std::numeric_limits<std::int64_t>::min();

struct TextCase {
  Dim value;
  std::string text;
};

void expect_texts(const std::vector<TextCase>& table) {
  for (const auto& row : table) {
    EXPECT_EQ(row.value.to_string(), row.text);
    EXPECT_TRUE(row.value.check_invariant()) << row.text;
  }
}

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

TEST(Dim, ArithmeticIsExactAndCanonical) {
  expect_texts({
      {batch() + batch(), "2*batch"},
      {batch() - batch(), "0"},
      {prompt_len() + decode_steps() + 1, "prompt_len + decode_steps + 1"},
      {1 + decode_steps() + prompt_len(), "prompt_len + decode_steps + 1"},
      {n_kv_heads() * group() * 2 * head_dim(), "2*n_heads*head_dim"},
      {(batch() + 1) * (batch() - 1), "batch^2 - 1"},
      {(prompt_len() + decode_steps()) * (prompt_len() - decode_steps()),
       "prompt_len^2 - decode_steps^2"},
      {pow(group() - 1, 2), "group^2 - 2*group + 1"},
      {-(group() - 1), "-group + 1"},
      {n_heads() - n_kv_heads() * group(), "0"},
      {Dim(3) * 0, "0"},
      {Dim(-2) * -3, "6"},
      {(batch() * pos()) * (group() * n_kv_heads()), "batch*n_heads*pos"},
      {max_seq_len() + cache_spare() - prompt_len() - decode_steps(),
       "-prompt_len - decode_steps + max_seq_len + cache_spare"},
  });
}

TEST(Dim, CompoundAssignmentMatchesOperators) {
  Dim d = batch();
  d += head_dim();
  d *= batch() - 1;
  d -= batch() * batch();
  EXPECT_EQ(d.to_string(), "batch*head_dim - batch - head_dim");
  EXPECT_EQ(d, (batch() + head_dim()) * (batch() - 1) - batch() * batch());
  const Dim& alias = d;  // the operand is the target itself
  d -= alias;
  EXPECT_TRUE(d.is_zero());
  EXPECT_TRUE(d.terms().empty());
}

TEST(Dim, PrintsSignsCoefficientsAndExtremes) {
  expect_texts({
      {Dim(), "0"},
      {Dim(0), "0"},
      {Dim(7), "7"},
      {Dim(-7), "-7"},
      {-batch(), "-batch"},
      {-2 * batch() + 3, "-2*batch + 3"},
      {batch() - 2 * head_dim() - 1, "batch - 2*head_dim - 1"},
      {Dim(kMin), "-9223372036854775808"},
      {Dim(kMin) * batch() + kMax, "-9223372036854775808*batch + 9223372036854775807"},
      {Dim::var("hidden"), "hidden"},
  });
}

TEST(Dim, OverflowThrowsInsteadOfWrapping) {
  EXPECT_THROW(Dim(kMax) + 1, std::overflow_error);
  EXPECT_THROW(Dim(kMin) - 1, std::overflow_error);
  EXPECT_THROW(-Dim(kMin), std::overflow_error);
  EXPECT_THROW(Dim(kMax) * 2, std::overflow_error);
  EXPECT_THROW(Dim(kMax) * batch() * (batch() + 2), std::overflow_error);
  // Cancellation is exact even at the extremes.
  EXPECT_TRUE((Dim(kMin) - Dim(kMin)).is_zero());
  EXPECT_EQ((Dim(kMin) + kMax).to_string(), "-1");
}

TEST(Dim, StructuralQueries) {
  const Dim p = 3 * batch() * pow(head_dim(), 2) - pos() + 4;
  EXPECT_FALSE(p.is_zero());
  EXPECT_EQ(p.constant_value(), std::nullopt);
  EXPECT_EQ(p.degree(), 3);
  EXPECT_EQ(p.degree_in(symbols::head_dim()), 2);
  EXPECT_EQ(p.degree_in(symbols::batch()), 1);
  EXPECT_EQ(p.degree_in(symbols::group()), 0);
  EXPECT_EQ(p.symbols(),
            (std::vector<Symbol>{symbols::batch(), symbols::head_dim(), symbols::pos()}));
  EXPECT_EQ(Dim().constant_value(), 0);
  EXPECT_EQ(Dim(-4).constant_value(), -4);
  EXPECT_EQ(Dim(-4).degree(), 0);
  EXPECT_EQ(Dim().degree(), 0);
  EXPECT_TRUE(Dim().symbols().empty());
  EXPECT_EQ(Dim::n_heads().symbols(),
            (std::vector<Symbol>{symbols::n_kv_heads(), symbols::group()}));
  EXPECT_EQ(Dim::var("batch"), batch());
}

struct DivCase {
  Dim a, b;
  std::optional<std::string> quotient;
};

TEST(Dim, ExactDivFindsQuotientsAndRejectsNonMultiples) {
  const std::vector<DivCase> table = {
      {n_heads() * head_dim(), head_dim(), "n_heads"},
      {n_heads() * head_dim(), n_kv_heads(), "group*head_dim"},
      {batch() * pow(head_dim(), 2), batch() * head_dim(), "head_dim"},
      {pow(batch(), 2) - 1, batch() - 1, "batch + 1"},
      {pow(batch(), 2) - 1, batch() + 1, "batch - 1"},
      {(prompt_len() + decode_steps()) * n_kv_heads() * 4, 2 * n_kv_heads(),
       "2*prompt_len + 2*decode_steps"},
      {Dim(6), Dim(-3), "-2"},
      {Dim(), batch(), "0"},
      {Dim(kMin) * batch(), batch(), "-9223372036854775808"},
      {batch(), batch() + 1, std::nullopt},
      {n_kv_heads(), n_heads(), std::nullopt},
      {Dim(7), Dim(2), std::nullopt},
      {2 * batch() + 1, Dim(2), std::nullopt},
      {pow(batch(), 2) + 1, batch() + 1, std::nullopt},
      {batch(), Dim(), std::nullopt},
      {Dim(), Dim(), std::nullopt},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.a.to_string() + " / " + row.b.to_string());
    const auto q = exact_div(row.a, row.b);
    ASSERT_EQ(q.has_value(), row.quotient.has_value());
    if (!q) continue;
    EXPECT_EQ(q->to_string(), *row.quotient);
    EXPECT_TRUE(q->check_invariant());
    EXPECT_EQ(*q * row.b, row.a);
  }
}

TEST(Dim, ExactDivByMinusOneNeverDividesTheMinimum) {
  EXPECT_EQ(exact_div(batch() * -5, Dim(-1))->to_string(), "5*batch");
  // The quotient of INT64_MIN by -1 exists but does not fit: overflow, not undefined behaviour.
  EXPECT_THROW(exact_div(Dim(kMin) * batch(), Dim(-1)), std::overflow_error);
}

TEST(Dim, FloorDivIsExactDivOrANamedError) {
  const auto ok = floor_div(n_heads() * head_dim(), head_dim());
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->to_string(), "n_heads");

  const auto not_multiple = floor_div(n_kv_heads() * head_dim(), n_heads());
  ASSERT_FALSE(not_multiple.has_value());
  EXPECT_EQ(not_multiple.error(),
            "floor_div: n_kv_heads*head_dim is not a multiple of n_heads for every "
            "configuration, so the quotient is not a dimension polynomial");

  const auto by_zero = floor_div(batch() + 1, Dim());
  ASSERT_FALSE(by_zero.has_value());
  EXPECT_EQ(by_zero.error(), "floor_div: division of batch + 1 by zero");

  const auto constants = floor_div(Dim(7), Dim(2));
  ASSERT_FALSE(constants.has_value());
  EXPECT_EQ(constants.error(),
            "floor_div: 7 is not a multiple of 2 for every configuration, so the quotient "
            "is not a dimension polynomial");
}

struct EvalCase {
  Dim p;
  Assignment at;
  std::optional<std::int64_t> value;
};

TEST(Dim, EvaluatesExactlyAndReportsMissingSymbols) {
  const Symbol b = symbols::batch();
  const Symbol kv = symbols::n_kv_heads();
  const Symbol g = symbols::group();
  const std::vector<EvalCase> table = {
      {Dim(), {}, 0},
      {Dim(-3), {}, -3},
      {n_heads() * head_dim(), {{kv, 2}, {g, 4}, {symbols::head_dim(), 64}}, 512},
      {pos() - 1, {{symbols::pos(), 0}}, -1},
      {batch() * prompt_len(), {{b, 2}}, std::nullopt},
      // Assigned symbols that do not occur are ignored.
      {batch() + 1, {{b, 2}, {g, 9}}, 3},
      // Terms beyond int64 that cancel are fine: only the value must fit.
      {batch() * group() - batch() * n_kv_heads(), {{b, kMax / 2}, {kv, 2}, {g, 3}}, kMax / 2},
      {Dim(kMax) * batch() - Dim(kMax), {{b, 1}}, 0},
      // A missing symbol is reported as missing even when another term would overflow.
      {Dim(kMax) * pow(batch(), 2) + group(), {{b, 1000}}, std::nullopt},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.p.to_string() + " at " + row.at.to_string());
    EXPECT_EQ(row.p.evaluate(row.at), row.value);
  }
}

TEST(Dim, EvaluationOverflowThrows) {
  const Symbol b = symbols::batch();
  EXPECT_THROW((batch() + kMax).evaluate({{b, 1}}), std::overflow_error);
  EXPECT_THROW(pow(batch(), 3).evaluate({{b, 3'000'000}}), std::overflow_error);
  // Past 128 bits in one term.
  EXPECT_THROW(pow(batch(), 9).evaluate({{b, 1'000'000}}), std::overflow_error);
  EXPECT_EQ(pow(batch(), 3).evaluate({{b, 2'000'000}}), 8'000'000'000'000'000'000);
}

struct SubstituteCase {
  Dim p;
  Symbol s;
  Dim by;
  std::string result;
};

TEST(Dim, SubstituteReplacesSimultaneously) {
  const std::vector<SubstituteCase> table = {
      {batch() + 1, symbols::batch(), batch() + 1, "batch + 2"},
      {pow(batch(), 2), symbols::batch(), batch() + 1, "batch^2 + 2*batch + 1"},
      {n_heads(), symbols::group(), Dim(1), "n_kv_heads"},
      {n_heads() - n_kv_heads(), symbols::group(), Dim(1), "0"},
      {batch() * head_dim(), symbols::head_dim(), Dim(), "0"},
      {prompt_len() + decode_steps(), symbols::decode_steps(), prompt_len(), "2*prompt_len"},
      {batch() + 1, symbols::group(), Dim(5), "batch + 1"},
      {group() * head_dim(), symbols::group(), n_kv_heads(), "n_kv_heads*head_dim"},
      {pos() * pos() - pos(), symbols::pos(), pos() + 1, "pos^2 + pos"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.p.to_string());
    const Dim d = row.p.substitute(row.s, row.by);
    EXPECT_EQ(d.to_string(), row.result);
    EXPECT_TRUE(d.check_invariant());
  }
}

}  // namespace
}  // namespace kvcheck::sym
