// The decision procedures never lie: counter-models separate and are minimal, proofs of
// non-negativity hold at every point tried, witnesses are negative, and nonzero conditions
// of "never" and "always" are true. All checked against brute force on small cases.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "brute_force.hpp"
#include "dim_generators.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::sym {
namespace {

/// Whether a assigns exactly the symbols of p.
bool assigns_exactly(const Assignment& a, const Dim& p) {
  std::vector<Symbol> assigned;
  for (const auto& [s, v] : a.values()) assigned.push_back(s);
  return assigned == p.symbols();
}

RC_GTEST_PROP(SymDecide, CounterModelsSeparateAndAreMinimal, ()) {
  // q = p - diff, so the difference, which decides everything, has the shapes any_dim draws.
  const Dim p = *testgen::dim(2, 2);
  const Dim q = p - *testgen::any_dim();
  const auto cm = smallest_counter_model(p, q);
  RC_ASSERT(cm.has_value() == !equal_for_all(p, q));
  RC_ASSERT(decide_equal(p, q).witness == cm);
  if (!cm) return;
  const Dim diff = p - q;
  RC_ASSERT(assigns_exactly(*cm, diff));
  // Symbols outside p - q may take any value: p and q still differ.
  Assignment extended = *testgen::assignment();
  for (const auto& [s, v] : cm->values()) extended.set(s, v);
  RC_ASSERT(p.evaluate(extended).value() != q.evaluate(extended).value());
  RC_CLASSIFY(testgen::excess(*cm) >= 2, "counter-model at excess >= 2");
  RC_CLASSIFY(diff.evaluate(testgen::points_up_to(diff.symbols(), 0).front()) == 0,
              "root at the lower bounds");
  for (const Assignment& earlier : testgen::points_up_to(diff.symbols(), testgen::excess(*cm))) {
    if (testgen::comes_before(earlier, *cm)) RC_ASSERT(diff.evaluate(earlier) == 0);
  }
}

RC_GTEST_PROP(SymDecide, NonnegativeNeverProvesOrRefutesWrongly, ()) {
  const Dim p = *testgen::any_dim();
  const Decision d = decide_nonnegative(p);
  RC_CLASSIFY(d.truth == Truth::kProved, "proved");
  RC_CLASSIFY(d.truth == Truth::kRefuted, "refuted");
  if (d.proved()) {
    RC_ASSERT(!d.witness.has_value());
    for (const Assignment& point : testgen::points_up_to(p.symbols(), 4)) {
      RC_ASSERT(p.evaluate(point).value() >= 0);
    }
  }
  if (d.refuted()) {
    RC_ASSERT(d.witness.has_value());
    RC_ASSERT(assigns_exactly(*d.witness, p));
    RC_ASSERT(p.evaluate(*d.witness).value() < 0);
    // The witness is the smallest negative point.
    for (const Assignment& earlier :
         testgen::points_up_to(p.symbols(), testgen::excess(*d.witness))) {
      if (testgen::comes_before(earlier, *d.witness)) RC_ASSERT(p.evaluate(earlier).value() >= 0);
    }
  }
}

/// Squared distance from `center`, a polynomial in center's symbols.
Dim squared_distance(const Assignment& center) {
  Dim sum;
  for (const auto& [s, v] : center.values()) sum += (Dim(s) - v) * (Dim(s) - v);
  return sum;
}

RC_GTEST_PROP(SymDecide, NonnegativeWitnessIsTheFirstOfTwoNegativePoints, ()) {
  // 2|x - a|^2 - 1 is -1 at a and at least 1 elsewhere, so the product of that and the same
  // for b is negative exactly at a and at b when a != b. The witness must be whichever comes
  // first: this pins down the search order itself.
  const auto vars = *rc::gen::suchThat(
      rc::gen::container<std::vector<bool>>(testgen::pool().size(), rc::gen::arbitrary<bool>()),
      [](const std::vector<bool>& chosen) {
        const auto n = std::count(chosen.begin(), chosen.end(), true);
        return n >= 1 && n <= 3;
      });
  const auto point = [&] {
    Assignment a;
    for (std::size_t i = 0; i < vars.size(); ++i) {
      const Symbol s = testgen::pool()[i];
      if (vars[i]) a.set(s, s.lower_bound() + *testgen::uniform<std::int64_t>(0, 2));
    }
    return a;
  };
  const Assignment a = point();
  const Assignment b = point();
  const Dim p = (2 * squared_distance(a) - 1) * (2 * squared_distance(b) - 1);
  const Decision d = decide_nonnegative(p);
  RC_CLASSIFY(a.total() == b.total() && a != b, "tie broken by symbol order");
  if (a == b) {
    RC_ASSERT(!d.refuted());
    return;
  }
  RC_ASSERT(d.refuted());
  RC_ASSERT(*d.witness == (testgen::comes_before(a, b) ? a : b));
}

RC_GTEST_PROP(SymDecide, SquaresAreNeverRefuted, ()) {
  const Dim p = *testgen::dim(2, 1, 2);
  const std::int64_t c = *testgen::uniform<std::int64_t>(0, 2);
  RC_ASSERT(!decide_nonnegative(p * p + c).refuted());
}

RC_GTEST_PROP(SymDecide, NonzeroConditionNeverAndAlwaysAreTrue, ()) {
  const Dim p = *testgen::any_dim();
  const std::string condition = nonzero_condition(p);
  RC_ASSERT((condition == "never") == p.is_zero());
  RC_CLASSIFY(condition == "always", "always");
  if (condition != "always") return;
  for (const Assignment& point : testgen::points_up_to(p.symbols(), 4)) {
    RC_ASSERT(p.evaluate(point).value() != 0);
  }
}

}  // namespace
}  // namespace kvcheck::sym
