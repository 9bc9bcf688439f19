// Decision procedures over dims: equality by normal form, smallest counter-models by
// bounded enumeration in order of increasing sum, and a certificate for non-negativity.
#include "kvcheck/sym/decide.hpp"

#include <algorithm>
#include <stdexcept>
#include <vector>

#include "point_search.hpp"

namespace kvcheck::sym {
namespace {

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
  const detail::CompiledPoly poly(diff);
  // Every point with x_i = c is a root when (x_i - c) divides diff, so the smallest non-root
  // lies above each run of such values starting at the bound. Skipping them keeps typical
  // obligations (products of "x >= 2" conditions) at one evaluation, and dividing them out
  // lowers the degree bound: diff / prod(x_i - c) has degree d_i - raise_i in x_i, hence a
  // non-root in the box of that side above the raised bounds.
  std::vector<std::int64_t> lower = lower_bounds(poly.vars());
  std::int64_t max_excess = 0;
  for (std::size_t i = 0; i < lower.size(); ++i) {
    const std::int64_t bound = lower[i];
    while (lower[i] - bound < poly.degree_in(i) && poly.vanishes_at(i, lower[i])) ++lower[i];
    max_excess += poly.degree_in(i) - (lower[i] - bound);
  }
  auto point = detail::first_point_by_sum(lower, max_excess, INT64_MAX,
                                          [&](const auto& x) { return poly.eval(x) != 0; });
  // The box bound guarantees a non-root; reaching here would be a bug in the enumeration.
  if (!point) {
    throw std::logic_error("counter-model search missed a non-root of " + diff.to_string());
  }
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

  const detail::CompiledPoly poly(p);
  std::int64_t max_excess = 0;
  for (std::size_t i = 0; i < poly.vars().size(); ++i) max_excess += poly.degree_in(i) + 1;
  auto point = detail::first_point_by_sum(lower_bounds(poly.vars()), max_excess,
                                          kNonnegativeSearchBudget,
                                          [&](const auto& x) { return poly.eval(x) < 0; });
  if (point) return {Truth::kRefuted, to_assignment(poly.vars(), *point)};
  return {Truth::kUnknown, std::nullopt};
}

Decision decide_divisible(const Dim& a, const Dim& b) {
  if (!b.is_zero() && exact_div(a, b)) return {Truth::kProved, std::nullopt};
  const detail::CompiledPoly num(a);
  const detail::CompiledPoly den(b);
  std::vector<Symbol> vars = a.symbols();
  for (Symbol s : b.symbols()) vars.push_back(s);
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  std::int64_t max_excess = 2;
  for (Symbol s : vars) max_excess += a.degree_in(s) + b.degree_in(s) + 1;
  // Each polynomial evaluates on its own symbols: pick its coordinates out of the point.
  auto coordinates = [&vars](const detail::CompiledPoly& p, const std::vector<std::int64_t>& x) {
    std::vector<std::int64_t> out;
    for (Symbol s : p.vars()) {
      out.push_back(x[static_cast<std::size_t>(std::lower_bound(vars.begin(), vars.end(), s) -
                                                vars.begin())]);
    }
    return out;
  };
  auto point = detail::first_point_by_sum(
      lower_bounds(vars), max_excess, kNonnegativeSearchBudget, [&](const auto& x) {
        const Int128 d = den.eval(coordinates(den, x));
        return d == 0 || num.eval(coordinates(num, x)) % d != 0;
      });
  if (point) return {Truth::kRefuted, to_assignment(vars, *point)};
  return {Truth::kUnknown, std::nullopt};
}

}  // namespace kvcheck::sym
