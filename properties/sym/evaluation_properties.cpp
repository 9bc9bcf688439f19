// Evaluation is a ring homomorphism, and substitution, exact division and equality agree
// with it: the symbolic answer, evaluated at a point, is the concrete answer.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "brute_force.hpp"
#include "dim_generators.hpp"
#include "kvcheck/sym/decide.hpp"

namespace kvcheck::sym {
namespace {

/// The value of p at a, which assigns every pool symbol.
std::int64_t at(const Dim& p, const Assignment& a) { return p.evaluate(a).value(); }

RC_GTEST_PROP(SymEvaluation, EvaluationIsARingHomomorphism, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Assignment a = *testgen::assignment();
  RC_ASSERT(at(p + q, a) == at(p, a) + at(q, a));
  RC_ASSERT(at(p - q, a) == at(p, a) - at(q, a));
  RC_ASSERT(at(p * q, a) == at(p, a) * at(q, a));
  RC_ASSERT(at(-p, a) == -at(p, a));
  RC_ASSERT(at(Dim(1), a) == 1);
  RC_ASSERT(at(Dim(), a) == 0);
}

RC_GTEST_PROP(SymEvaluation, MissingSymbolsGiveNoValue, ()) {
  const Dim p = *testgen::dim();
  Assignment partial;
  const Assignment full = *testgen::assignment();
  const auto symbols = p.symbols();
  // Drop one symbol of p (when it has any); every other pool symbol stays assigned.
  const std::size_t dropped =
      symbols.empty() ? 0 : *testgen::uniform<std::size_t>(0, symbols.size() - 1);
  for (const auto& [s, v] : full.values()) {
    if (symbols.empty() || s != symbols[dropped]) partial.set(s, v);
  }
  RC_ASSERT(p.evaluate(partial).has_value() == symbols.empty());
}

RC_GTEST_PROP(SymEvaluation, SubstituteThenEvaluateIsEvaluateAtTheSubstitutedValue, ()) {
  const Dim p = *testgen::dim();
  const Dim by = *testgen::dim(3, 1);
  const Symbol s = *testgen::pool_symbol();
  const Assignment a = *testgen::assignment();
  Assignment moved = a;
  moved.set(s, at(by, a));
  RC_ASSERT(at(p.substitute(s, by), a) == at(p, moved));
}

RC_GTEST_PROP(SymEvaluation, ExactDivRecoversAFactor, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *rc::gen::suchThat(testgen::dim(), [](const Dim& d) { return !d.is_zero(); });
  const auto quotient = exact_div(p * q, q);
  RC_ASSERT(quotient.has_value());
  RC_ASSERT(*quotient == p);
  const auto floored = floor_div(p * q, q);
  RC_ASSERT(floored.has_value());
  RC_ASSERT(floored.value() == p);
}

RC_GTEST_PROP(SymEvaluation, ExactDivIsSoundAtEveryPoint, ()) {
  const Dim a = *testgen::dim();
  const Dim b = *testgen::dim(2, 1);
  const auto quotient = exact_div(a, b);
  RC_CLASSIFY(quotient.has_value(), "divides");
  if (!quotient) return;
  RC_ASSERT(*quotient * b == a);
  const Assignment point = *testgen::assignment();
  RC_ASSERT(at(*quotient, point) * at(b, point) == at(a, point));
}

RC_GTEST_PROP(SymEvaluation, EqualForAllAgreesWithEvaluation, ()) {
  // Half the time q is p rearranged, so that both answers occur.
  const Dim p = *testgen::dim();
  const Dim r = *testgen::dim(2);
  const bool rearranged = *rc::gen::arbitrary<bool>();
  const Dim q = rearranged ? (p + r) - r : *testgen::dim();
  const bool equal = equal_for_all(p, q);
  RC_CLASSIFY(equal, "equal");
  for (int i = 0; i < 8; ++i) {
    const Assignment point = *testgen::assignment();
    if (equal) RC_ASSERT(at(p, point) == at(q, point));
  }
  if (equal) return;
  // Unequal dims differ somewhere in the box of side degree + 1 (checked by brute force).
  const Dim diff = p - q;
  std::int64_t box = 0;
  for (Symbol s : diff.symbols()) box += diff.degree_in(s);
  bool differs = false;
  for (const Assignment& point : testgen::points_up_to(diff.symbols(), box)) {
    differs = differs || at(diff, point) != 0;
  }
  RC_ASSERT(differs);
}

}  // namespace
}  // namespace kvcheck::sym
