// Decision procedures over dims: equality by normal form, smallest counter-models by
// bounded enumeration in order of increasing sum, and a certificate for non-negativity.
#include "kvcheck/sym/decide.hpp"

#include "kvcheck/sym/wide_int.hpp"

#include <algorithm>
#include <cassert>
#include <functional>
#include <numeric>
#include <stdexcept>

namespace kvcheck::sym {
namespace {

/// A polynomial flattened for fast repeated evaluation at small integer points.
class CompiledPoly {
 public:
  explicit CompiledPoly(const Dim& p) : vars_(p.symbols()) {
    for (const auto& [m, c] : p.terms()) {
      Term t{c, {}};
      for (const auto& [s, e] : m.factors()) {
        auto idx = std::lower_bound(vars_.begin(), vars_.end(), s) - vars_.begin();
        t.powers.push_back({static_cast<std::size_t>(idx), e});
      }
      terms_.push_back(std::move(t));
    }
  }

  const std::vector<Symbol>& vars() const { return vars_; }

  Int128 eval(const std::vector<std::int64_t>& x) const {
    Int128 total = 0;
    for (const Term& t : terms_) {
      Int128 v = t.coef;
      for (const auto& [i, e] : t.powers) {
        for (int k = 0; k < e; ++k) v *= x[i];
      }
      total += v;
    }
    return total;
  }

 private:
  struct Term {
    std::int64_t coef;
    std::vector<std::pair<std::size_t, int>> powers;
  };
  std::vector<Symbol> vars_;
  std::vector<Term> terms_;
};

/// Visits the points x >= lower bounds in order of increasing excess over the bounds (up to
/// max_excess), lexicographically within one excess, until `stop` returns true. Returns
/// the point that stopped it.
std::optional<std::vector<std::int64_t>> enumerate_by_sum(
    const std::vector<std::int64_t>& lower, std::int64_t max_excess, std::int64_t budget,
    const std::function<bool(const std::vector<std::int64_t>&)>& stop) {
  const std::size_t n = lower.size();
  std::vector<std::int64_t> x(lower);
  std::int64_t visited = 0;
  bool found = false;
  // fill(i, left): choose x[i..n) with excess exactly `left`; the last variable takes the rest.
  std::function<bool(std::size_t, std::int64_t)> fill = [&](std::size_t i,
                                                          std::int64_t left) -> bool {
    if (i + 1 >= n) {
      if (n > 0) x[n - 1] = lower[n - 1] + left;
      if (++visited > budget) return true;
      found = stop(x);
      return found;
    }
    for (std::int64_t y = 0; y <= left; ++y) {
      x[i] = lower[i] + y;
      if (fill(i + 1, left - y)) return true;
    }
    return false;
  };
  for (std::int64_t t = 0; t <= max_excess; ++t) {
    if (n == 0 && t > 0) break;
    if (fill(0, t)) return found ? std::optional(x) : std::nullopt;
  }
  return std::nullopt;
}

Assignment to_assignment(const std::vector<Symbol>& vars, const std::vector<std::int64_t>& x) {
  Assignment a;
  for (std::size_t i = 0; i < vars.size(); ++i) a.set(vars[i], x[i]);
  return a;
}

std::vector<std::int64_t> lower_bounds(const std::vector<Symbol>& vars) {
  std::vector<std::int64_t> lb;
  for (Symbol s : vars) lb.push_back(s.lower_bound());
  return lb;
}

}  // namespace

bool equal_for_all(const Dim& p, const Dim& q) { return p == q; }

std::optional<Assignment> smallest_counter_model(const Dim& p, const Dim& q) {
  const Dim diff = p - q;
  if (diff.is_zero()) return std::nullopt;
  CompiledPoly poly(diff);
  std::int64_t max_excess = 0;
  for (Symbol s : poly.vars()) max_excess += diff.degree_in(s);
  auto point = enumerate_by_sum(lower_bounds(poly.vars()), max_excess, INT64_MAX,
                                [&](const auto& x) { return poly.eval(x) != 0; });
  // The box bound guarantees a non-root; reaching here would be a bug in the enumeration.
  if (!point) throw std::logic_error("counter-model search missed a non-root of " + diff.to_string());
  return to_assignment(poly.vars(), *point);
}

Decision decide_equal(const Dim& p, const Dim& q) {
  if (auto witness = smallest_counter_model(p, q)) return {Truth::kRefuted, std::move(witness)};
  return {Truth::kProved, std::nullopt};
}

Decision decide_nonnegative(const Dim& p) {
  Dim shifted = p;
  for (Symbol s : p.symbols()) {
    if (s.lower_bound() != 0) shifted = shifted.substitute(s, Dim(s) + Dim(s.lower_bound()));
  }
  bool certificate = true;
  for (const auto& [m, c] : shifted.terms()) certificate = certificate && c >= 0;
  if (certificate) return {Truth::kProved, std::nullopt};

  CompiledPoly poly(p);
  std::int64_t max_excess = 0;
  for (Symbol s : poly.vars()) max_excess += p.degree_in(s) + 1;
  constexpr std::int64_t kBudget = 200000;
  auto point = enumerate_by_sum(lower_bounds(poly.vars()), max_excess, kBudget,
                                [&](const auto& x) { return poly.eval(x) < 0; });
  if (point) return {Truth::kRefuted, to_assignment(poly.vars(), *point)};
  return {Truth::kUnknown, std::nullopt};
}

std::string nonzero_condition(const Dim& p) {
  if (p.is_zero()) return "never";
  if (p.constant_value()) return "always";

  // Split off the monomial content and the coefficients' gcd.
  Monomial content = p.terms().begin()->first;
  std::int64_t coef_gcd = 0;
  for (const auto& [m, c] : p.terms()) {
    content = gcd(content, m);
    coef_gcd = std::gcd(coef_gcd, c);
  }
  Dim divisor = Dim(coef_gcd);
  for (const auto& [s, e] : content.factors()) {
    for (int i = 0; i < e; ++i) divisor *= Dim(s);
  }
  Dim rest = *exact_div(p, divisor);

  std::vector<std::string> conditions;
  for (const auto& [s, e] : content.factors()) {
    if (s.lower_bound() == 0) conditions.push_back(s.name() + " >= 1");
  }
  // Linear factors (x - lower_bound) vanish exactly at the smallest value of x.
  for (Symbol s : rest.symbols()) {
    const Dim at_bound_factor = Dim(s) - Dim(s.lower_bound());
    bool split = false;
    while (rest.substitute(s, Dim(s.lower_bound())).is_zero()) {
      rest = *exact_div(rest, at_bound_factor);
      split = true;
    }
    if (split) conditions.push_back(s.name() + " >= " + std::to_string(s.lower_bound() + 1));
  }
  if (!rest.constant_value()) {
    const auto vars = rest.symbols();
    if (vars.size() == 1 && rest.degree() == 1) {
      const Symbol x = vars.front();
      const std::int64_t a = rest.terms().begin()->second;
      const std::int64_t b = rest.constant_value() ? 0 : (rest - Dim(a) * Dim(x)).constant_value().value();
      if (b % a == 0 && -b / a >= x.lower_bound()) {
        conditions.push_back(x.name() + " != " + std::to_string(-b / a));
      }
    } else if (!decide_nonnegative(rest - Dim(1)).proved() &&
               !decide_nonnegative(-rest - Dim(1)).proved()) {
      conditions.push_back(rest.to_string() + " != 0");
    }
  }
  if (conditions.empty()) return "always";
  std::string out;
  for (const auto& c : conditions) out += (out.empty() ? "" : " and ") + c;
  return out;
}

}  // namespace kvcheck::sym
