// One canonical form: equal dims have equal term maps and print identically, different
// dims print differently, and every derived dim keeps the invariant.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <vector>

#include "dim_generators.hpp"

namespace kvcheck::sym {
namespace {

RC_GTEST_PROP(SymCanonicalForm, EqualDimsPrintIdentically, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Dim r = *testgen::dim();
  RC_ASSERT((p * q).to_string() == (q * p).to_string());
  RC_ASSERT(((p + q) + r).to_string() == (p + (q + r)).to_string());
  RC_ASSERT((p * (q + r)).to_string() == (p * q + p * r).to_string());
}

RC_GTEST_PROP(SymCanonicalForm, CommutatorHasNoTerms, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Dim commutator = p * q - q * p;
  RC_ASSERT(commutator.is_zero());
  RC_ASSERT(commutator.terms().empty());
  RC_ASSERT(commutator.to_string() == "0");
  RC_ASSERT(commutator.check_invariant());
}

RC_GTEST_PROP(SymCanonicalForm, PrintingIsUnambiguous, ()) {
  // q = p + t, where t is often zero or cancels a term of p: both outcomes occur.
  const Dim p = *testgen::dim();
  const Dim q = p + *testgen::term(2, 1);
  RC_ASSERT((p.to_string() == q.to_string()) == (p == q));
}

RC_GTEST_PROP(SymCanonicalForm, StructuralQueriesMatchTheTerms, ()) {
  const Dim p = *testgen::dim();
  int degree = 0;
  for (const auto& [m, c] : p.terms()) {
    RC_ASSERT(c != 0);
    degree = std::max(degree, m.degree());
  }
  RC_ASSERT(p.degree() == degree);
  RC_ASSERT(p.is_zero() == p.terms().empty());
  RC_ASSERT(p.constant_value().has_value() == (p.degree() == 0));
  const std::vector<Symbol> symbols = p.symbols();
  RC_ASSERT(std::is_sorted(symbols.begin(), symbols.end()));
  for (Symbol s : testgen::pool()) {
    const bool occurs = std::find(symbols.begin(), symbols.end(), s) != symbols.end();
    RC_ASSERT(occurs == (p.degree_in(s) > 0));
  }
}

RC_GTEST_PROP(SymCanonicalForm, DerivedDimsKeepTheInvariant, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Symbol s = *rc::gen::elementOf(testgen::pool());
  RC_ASSERT(p.substitute(s, q).check_invariant());
  if (const auto quotient = exact_div(p, q)) RC_ASSERT(quotient->check_invariant());
  if (const auto quotient = exact_div(p * q, q)) RC_ASSERT(quotient->check_invariant());
}

}  // namespace
}  // namespace kvcheck::sym
