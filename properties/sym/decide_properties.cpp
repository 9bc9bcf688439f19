// The decision procedures never lie: counter-models separate and are minimal, proofs of
// non-negativity hold at every point tried, witnesses are negative, and nonzero conditions
// of "never" and "always" are true. All checked against brute force on small cases.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <string>

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
  const Dim p = *testgen::any_dim();
  const Dim q = *rc::gen::oneOf(rc::gen::just(Dim()), testgen::dim(2, 1));
  const auto cm = smallest_counter_model(p, q);
  RC_ASSERT(cm.has_value() == !equal_for_all(p, q));
  RC_ASSERT(decide_equal(p, q).witness == cm);
  if (!cm) return;
  const Dim diff = p - q;
  RC_ASSERT(assigns_exactly(*cm, diff));
  RC_ASSERT(p.evaluate(*cm) != q.evaluate(*cm));
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

RC_GTEST_PROP(SymDecide, SquaresAreNeverRefuted, ()) {
  const Dim p = *testgen::dim(2, 1, 2);
  const std::int64_t c = *rc::gen::inRange<std::int64_t>(0, 3);
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
