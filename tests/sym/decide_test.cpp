// Decisions: equality, smallest counter-models (tie-breaks, zero-bounded symbols), the
// non-negativity certificate and search, and readable nonzero conditions.
#include "kvcheck/sym/decide.hpp"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "sym_names.hpp"

namespace kvcheck::sym {
namespace {

using namespace test;  // NOLINT: the short dim names are the point of these tables

TEST(Decide, EqualForAllIsEqualityOfNormalForms) {
  const std::vector<std::tuple<Dim, Dim, bool>> table = {
      {n_heads(), group() * n_kv_heads(), true},
      {(prompt_len() + decode_steps()) * head_dim(),
       prompt_len() * head_dim() + decode_steps() * head_dim(), true},
      {pow(batch() + 1, 2), pow(batch(), 2) + 2 * batch() + 1, true},
      {n_kv_heads(), n_heads(), false},
      {pow(batch(), 2), batch(), false},
      {Dim(1), Dim(2), false},
      {cache_spare(), Dim(), false},
  };
  for (const auto& [p, q, equal] : table) {
    EXPECT_EQ(equal_for_all(p, q), equal) << p.to_string() << " vs " << q.to_string();
    EXPECT_EQ(equal_for_all(q, p), equal);
  }
}

struct CounterModelCase {
  std::string what;
  Dim p, q;
  std::optional<std::string> smallest;
};

TEST(Decide, SmallestCounterModelIsMinimalBySumThenSymbolOrder) {
  const std::vector<CounterModelCase> table = {
      {"head mismatch", n_kv_heads(), n_heads(), "n_kv_heads=1, group=2 (n_heads=2)"},
      {"identity", (prompt_len() + decode_steps()) * head_dim(),
       prompt_len() * head_dim() + decode_steps() * head_dim(), std::nullopt},
      {"constants", Dim(1), Dim(2), ""},
      {"tie at one total: earlier symbol stays small", batch() + head_dim(), Dim(2),
       "batch=1, head_dim=2"},
      {"two unknowns", batch(), prompt_len(), "batch=1, prompt_len=2"},
      {"both factors must grow", n_heads() + 1, n_kv_heads() + group(),
       "n_kv_heads=2, group=2 (n_heads=4)"},
      {"zero-bounded symbol", cache_spare(), Dim(), "cache_spare=1"},
      {"zero-bounded tie-break", cache_spare() + pos(), Dim(), "cache_spare=0, pos=1"},
      {"zero-bounded monomial factor", pos() * batch(), Dim(), "batch=1, pos=1"},
      {"roots 0 and 1", pow(pos(), 2), pos(), "pos=2"},
      {"root above the bound is not in the way", group() - 2, Dim(), "group=1"},
      {"roots 1, 2, 3, 4", (group() - 1) * (group() - 2) * (group() - 3) * (group() - 4), Dim(),
       "group=5"},
      {"degree 4, four symbols",
       (group() - 1) * (head_dim() - 1) * (batch() - 1) * (prompt_len() - 2), Dim(),
       "batch=2, prompt_len=1, group=2, head_dim=2"},
      {"six symbols",
       (batch() - 1) * (prompt_len() - 1) * (decode_steps() - 1) * (n_kv_heads() - 1) *
           (group() - 1) * (head_dim() - 1),
       Dim(),
       "batch=2, prompt_len=2, decode_steps=2, n_kv_heads=2, group=2, head_dim=2 "
       "(n_heads=4)"},
      {"roots off the bounds", (batch() - head_dim()) * (batch() + head_dim() - 3), Dim(),
       "batch=1, head_dim=3"},
      {"symmetric in the arguments", Dim(), n_heads() - n_kv_heads(),
       "n_kv_heads=1, group=2 (n_heads=2)"},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.what);
    const auto cm = smallest_counter_model(row.p, row.q);
    ASSERT_EQ(cm.has_value(), row.smallest.has_value());
    if (!cm) continue;
    EXPECT_EQ(cm->to_string(), *row.smallest);
    EXPECT_NE(row.p.evaluate(*cm), row.q.evaluate(*cm));
  }
}

TEST(Decide, DecideEqualCarriesTheCounterModel) {
  const Decision refuted = decide_equal(n_kv_heads(), n_heads());
  EXPECT_TRUE(refuted.refuted());
  EXPECT_FALSE(refuted.proved());
  ASSERT_TRUE(refuted.witness.has_value());
  EXPECT_EQ(refuted.witness, smallest_counter_model(n_kv_heads(), n_heads()));

  const Decision proved = decide_equal(n_heads(), n_kv_heads() * group());
  EXPECT_TRUE(proved.proved());
  EXPECT_EQ(proved.truth, Truth::kProved);
  EXPECT_FALSE(proved.witness.has_value());
}

struct NonnegativeCase {
  Dim p;
  Truth truth;
  std::optional<std::string> witness;
};

TEST(Decide, NonnegativeProvesRefutesOrSaysUnknown) {
  const std::vector<NonnegativeCase> table = {
      {Dim(), Truth::kProved, std::nullopt},
      {Dim(5), Truth::kProved, std::nullopt},
      {n_heads() - n_kv_heads(), Truth::kProved, std::nullopt},
      {max_seq_len() + cache_spare() - 1, Truth::kProved, std::nullopt},
      {batch() * head_dim() - batch(), Truth::kProved, std::nullopt},
      {pow(group(), 2) - group(), Truth::kProved, std::nullopt},
      {Dim(-1), Truth::kRefuted, ""},
      {prompt_len() - max_seq_len(), Truth::kRefuted, "prompt_len=1, max_seq_len=2"},
      {pos() - 1, Truth::kRefuted, "pos=0"},
      {max_seq_len() + cache_spare() - prompt_len() - decode_steps(), Truth::kRefuted,
       "prompt_len=1, decode_steps=1, max_seq_len=1, cache_spare=0"},
      // (group - 2)(group - 4) is negative only at 3.
      {pow(group(), 2) - 6 * group() + 8, Truth::kRefuted, "group=3"},
      // Non-negative on the integers without a shifted-coefficient certificate.
      {(group() - 1) * (group() - 2), Truth::kUnknown, std::nullopt},
      {pow(batch() - head_dim(), 2), Truth::kUnknown, std::nullopt},
  };
  for (const auto& row : table) {
    SCOPED_TRACE(row.p.to_string());
    const Decision d = decide_nonnegative(row.p);
    EXPECT_EQ(d.truth, row.truth);
    ASSERT_EQ(d.witness.has_value(), row.witness.has_value());
    if (!d.witness) continue;
    EXPECT_EQ(d.witness->to_string(), *row.witness);
    EXPECT_LT(row.p.evaluate(*d.witness).value(), 0);
  }
}

TEST(Decide, DivisibleProvesRefutesWithTheSmallestPointOrSaysUnknown) {
  // Exact polynomial division: proved.
  EXPECT_TRUE(decide_divisible(n_heads() * head_dim(), n_kv_heads()).proved());
  // hidden / head_dim fails first at hidden=1, head_dim=2 (sum 3; hidden=2, head_dim=1 divides).
  const Decision d = decide_divisible(hidden(), head_dim());
  ASSERT_TRUE(d.refuted());
  EXPECT_EQ(d.witness->to_string(), "head_dim=2, hidden=1");
  // A zero divisor is refuted at the point where it is zero.
  EXPECT_EQ(decide_divisible(Dim(3), Dim(0)).truth, Truth::kRefuted);
  // x*(x+1) is always even but 2 does not divide it as a polynomial: no witness exists.
  EXPECT_EQ(decide_divisible(group() * (group() + 1), Dim(2)).truth, Truth::kUnknown);
}

TEST(Decide, NonzeroConditionSaysWhenADifferenceShows) {
  const std::vector<std::pair<Dim, std::string>> table = {
      {Dim(), "never"},
      {Dim(7), "always"},
      {Dim(-3), "always"},
      {n_kv_heads() * (group() - 1), "group >= 2"},
      {n_heads() - n_kv_heads(), "group >= 2"},
      {2 * (group() - 1), "group >= 2"},
      {pow(group() - 1, 2) * head_dim(), "group >= 2"},
      {(group() - 1) * (group() - 2) * n_kv_heads(), "group >= 3"},
      {batch(), "always"},
      {batch() + group(), "always"},
      {cache_spare() + 1, "always"},
      {2 * group() - 3, "always"},
      {pos(), "pos >= 1"},
      {pos() * (pos() - 1), "pos >= 2"},
      {pos() * cache_spare(), "cache_spare >= 1 and pos >= 1"},
      {group() - 2, "group != 2"},
      {pos() - 2, "pos != 2"},
      {pos() * (group() - 2), "pos >= 1 and group != 2"},
      {(head_dim() - 1) * (group() - 2), "head_dim >= 2 and group != 2"},
      {(group() - 2) * (group() - 3), "group^2 - 5*group + 6 != 0"},
      {prompt_len() + decode_steps() - max_seq_len(),
       "prompt_len + decode_steps - max_seq_len != 0"},
      {2 * batch() * group() - 4, "batch*group - 2 != 0"},
      {batch() * group() - 3 * n_kv_heads(), "batch*group - 3*n_kv_heads != 0"},
      // Repeated factors are split off with their multiplicity, leaving a clean remainder.
      {pow(group() - 1, 2) * (batch() * group() - 3 * n_kv_heads()),
       "group >= 2 and batch*group - 3*n_kv_heads != 0"},
  };
  for (const auto& [p, condition] : table) {
    EXPECT_EQ(nonzero_condition(p), condition) << p.to_string();
  }
}

}  // namespace
}  // namespace kvcheck::sym
