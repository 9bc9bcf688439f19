// nonzero_condition: when a nonzero dim difference actually differs from zero, in the words
// a report uses ("group >= 2"), by splitting off the factors that are easy to see.
#include <map>
#include <numeric>
#include <string>
#include <vector>

#include "kvcheck/sym/decide.hpp"
#include "kvcheck/sym/wide_int.hpp"

namespace kvcheck::sym {
namespace {

/// "x != v" when `rest` is a*x + b with an integer root v at or above x's effective bound;
/// "" when it has no such root (then it never vanishes).
std::string linear_condition(const Dim& rest, Symbol x, std::int64_t bound) {
  const Int128 a = rest.terms().begin()->second;
  const Int128 b = rest.terms().size() > 1 ? rest.terms().rbegin()->second : 0;
  if (b % a != 0) return "";
  const Int128 root = -b / a;
  if (root < bound) return "";
  if (root > INT64_MAX) return rest.to_string() + " != 0";
  return x.name() + " != " + std::to_string(static_cast<std::int64_t>(root));
}

/// Whether `rest` is provably never zero for symbols at or above `bounds`: rest >= 1 or
/// rest <= -1, shown by decide_nonnegative after shifting each raised symbol to its bound.
bool never_zero(const Dim& rest, const std::map<Symbol, std::int64_t>& bounds) {
  Dim shifted = rest;
  for (const auto& [s, bound] : bounds) {
    if (bound != s.lower_bound()) shifted = shifted.substitute(s, Dim(s) + (bound - s.lower_bound()));
  }
  return decide_nonnegative(shifted - 1).proved() || decide_nonnegative(-shifted - 1).proved();
}

}  // namespace

std::string nonzero_condition(const Dim& p) {
  if (p.is_zero()) return "never";
  if (p.constant_value()) return "always";

  const Monomial content = monomial_content(p);
  Dim rest = *exact_div(p, Dim(coefficient_content(p)) * to_dim(content));

  std::vector<std::string> conditions;
  std::map<Symbol, std::int64_t> bounds;  // the smallest value where p can be nonzero
  for (Symbol s : p.symbols()) {
    // A monomial factor s vanishes only at s = 0.
    std::int64_t c = s.lower_bound() == 0 && content.exponent(s) > 0 ? 1 : s.lower_bound();
    // p is zero at s = c exactly when (s - c) divides what remains; split off each such
    // factor (with multiplicity) and move on to c + 1.
    const auto vanishes_at = [&](std::int64_t v) { return rest.substitute(s, Dim(v)).is_zero(); };
    while (vanishes_at(c)) {
      while (vanishes_at(c)) rest = *exact_div(rest, Dim(s) - c);
      ++c;
    }
    if (c > s.lower_bound()) conditions.push_back(s.name() + " >= " + std::to_string(c));
    bounds[s] = c;
  }

  if (!rest.constant_value()) {
    const auto vars = rest.symbols();
    std::string condition;
    if (vars.size() == 1 && rest.degree() == 1) {
      condition = linear_condition(rest, vars.front(), bounds.at(vars.front()));
    } else if (!never_zero(rest, bounds)) {
      condition = rest.to_string() + " != 0";
    }
    if (!condition.empty()) conditions.push_back(condition);
  }
  if (conditions.empty()) return "always";
  std::string out;
  for (const auto& c : conditions) out += (out.empty() ? "" : " and ") + c;
  return out;
}

}  // namespace kvcheck::sym
