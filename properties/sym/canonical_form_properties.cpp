// One canonical form: equal dims have equal term maps and print identically, different
// dims print differently, and every derived dim keeps the invariant.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
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

/// The identifiers in a printed dim: "2*n_heads^2 - pos" -> {n_heads, pos} (numbers too).
std::set<std::string> words(const std::string& text) {
  std::set<std::string> out;
  std::string word;
  for (char c : text + " ") {
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_') {
      word += c;
    } else if (!word.empty()) {
      out.insert(word);
      word.clear();
    }
  }
  return out;
}

RC_GTEST_PROP(SymCanonicalForm, PrintingNamesExactlyTheSymbolsThatOccur, ()) {
  const Dim p = *testgen::dim();
  const std::set<std::string> printed = words(p.to_string());
  const std::vector<Symbol> occurring = p.symbols();
  for (Symbol s : testgen::pool()) {
    const bool occurs = std::find(occurring.begin(), occurring.end(), s) != occurring.end();
    const bool head_factor = s == symbols::group() || s == symbols::n_kv_heads();
    const bool named = printed.count(s.name()) != 0 || (head_factor && printed.count("n_heads"));
    RC_ASSERT(named == occurs);
  }
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
  const Symbol s = *testgen::pool_symbol();
  RC_ASSERT(p.substitute(s, q).check_invariant());
  if (const auto quotient = exact_div(p, q)) RC_ASSERT(quotient->check_invariant());
  if (const auto quotient = exact_div(p * q, q)) RC_ASSERT(quotient->check_invariant());
}

}  // namespace
}  // namespace kvcheck::sym
