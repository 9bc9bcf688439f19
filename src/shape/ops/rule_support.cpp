// Shared pieces of the shape rules: dim wrapping, rank checks, inequalities and exact
// division, each for concrete and symbolic sizes.
#include "kvcheck/shape/ops/rule_support.hpp"

#include <algorithm>
#include <numeric>
#include <type_traits>
#include <utility>

#include "kvcheck/sym/decide.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

using sym::Dim;

// The points x >= lower bounds in order of increasing excess over the bounds, and
// lexicographically within one excess (earlier symbols get the smaller values, the tie-break
// sym's counter-models use), until `stop` accepts one or `budget` runs out.
template <class Stop>
std::optional<std::vector<std::int64_t>> search_by_excess(const std::vector<std::int64_t>& lower,
                                                          std::int64_t max_excess,
                                                          std::int64_t budget, Stop stop) {
  const std::size_t n = lower.size();
  std::vector<std::int64_t> x = lower;
  // fill(i, left): chooses x[i..n) with total excess `left`; the last symbol takes the rest.
  auto fill = [&](auto& self, std::size_t i, std::int64_t left) -> int {
    if (i + 1 >= n) {
      if (n > 0) x[n - 1] = lower[n - 1] + left;
      if (--budget < 0) return -1;
      return stop(x) ? 1 : 0;
    }
    for (std::int64_t y = 0; y <= left; ++y) {
      x[i] = lower[i] + y;
      if (int r = self(self, i + 1, left - y)) return r;
    }
    return 0;
  };
  for (std::int64_t t = 0; t <= max_excess && (n > 0 || t == 0); ++t) {
    const int r = fill(fill, 0, t);
    if (r == 1) return x;
    if (r < 0) break;
  }
  return std::nullopt;
}

// A factor common to a and b that is positive in every configuration (the coefficients' gcd
// and symbols with lower bound >= 1) changes neither whether b divides a nor the quotient;
// cancelling it makes a condition read "hidden is not a multiple of head_dim".
std::pair<Dim, Dim> cancel_positive_content(const Dim& a, const Dim& b) {
  if (a.is_zero() || b.is_zero()) return {a, b};
  sym::Monomial content = a.terms().begin()->first;
  std::int64_t coef_gcd = 0;
  for (const Dim* p : {&a, &b}) {
    for (const auto& [m, c] : p->terms()) {
      content = gcd(content, m);
      coef_gcd = std::gcd(coef_gcd, c);
    }
  }
  Dim divisor(coef_gcd);
  for (const auto& [s, e] : content.factors()) {
    if (s.lower_bound() < 1) continue;
    for (int k = 0; k < e; ++k) divisor *= Dim(s);
  }
  return {*exact_div(a, divisor), *exact_div(b, divisor)};
}

std::optional<sym::Assignment> smallest_remainder(const Dim& a, const Dim& b) {
  std::vector<sym::Symbol> vars = a.symbols();
  for (sym::Symbol s : b.symbols()) vars.push_back(s);
  std::sort(vars.begin(), vars.end());
  vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
  std::vector<std::int64_t> lower;
  std::int64_t max_excess = 2;
  for (sym::Symbol s : vars) {
    lower.push_back(s.lower_bound());
    max_excess += a.degree_in(s) + b.degree_in(s) + 1;
  }
  auto to_assignment = [&vars](const std::vector<std::int64_t>& x) {
    sym::Assignment at;
    for (std::size_t i = 0; i < vars.size(); ++i) at.set(vars[i], x[i]);
    return at;
  };
  constexpr std::int64_t kBudget = 200000;
  auto point = search_by_excess(lower, max_excess, kBudget, [&](const auto& x) {
    const sym::Assignment at = to_assignment(x);
    const std::int64_t den = *b.evaluate(at);
    return den == 0 || *a.evaluate(at) % den != 0;
  });
  if (!point) return std::nullopt;
  return to_assignment(*point);
}

Division<Dim> divide_symbolic(const Dim& a, const Dim& b) {
  if (auto q = exact_div(a, b)) return {{sym::Truth::kProved, "", std::nullopt}, std::move(q)};
  const auto [num, den] = cancel_positive_content(a, b);
  if (num.constant_value() && den.constant_value()) return {always_fails<Dim>(), std::nullopt};
  // 1 is a multiple of den exactly where den == 1: that equation has a readable condition.
  if (num == Dim(1)) return {DimOps<Dim>::require_equal(den, Dim(1)), std::nullopt};
  const std::string when = num.to_string() + " is not a multiple of " + den.to_string();
  if (auto witness = smallest_remainder(num, den)) {
    return {{sym::Truth::kRefuted, when, std::move(witness)}, std::nullopt};
  }
  return {{sym::Truth::kUnknown, when, std::nullopt}, std::nullopt};
}

}  // namespace

template <class D>
Obligation always_fails() {
  Obligation ob{sym::Truth::kRefuted, "always", std::nullopt};
  if constexpr (std::is_same_v<D, Dim>) ob.smallest = sym::Assignment{};
  return ob;
}

template <class D>
ShapeError structural_error(const std::string& op, const std::vector<std::string>& operands,
                            const std::string& what, const std::string& lhs,
                            const std::string& rhs) {
  return make_shape_error(op, operands, what, lhs, rhs, always_fails<D>());
}

template <class D>
Result<std::int64_t, ShapeError> wrap_dim(const std::string& op,
                                          const std::vector<std::string>& operands,
                                          const std::string& who, const Shape<D>& s,
                                          std::int64_t dim, bool scalar_as_vector) {
  const std::int64_t rank = scalar_as_vector && s.rank() == 0 ? 1 : s.rank();
  if (auto wrapped = normalize_dim(dim, rank)) return *wrapped;
  const std::string range =
      rank == 0 ? "no dims" : "[" + std::to_string(-rank) + ", " + std::to_string(rank - 1) + "]";
  const std::string what = "dim " + std::to_string(dim) + " is out of range for " + who;
  return unexpected(structural_error<D>(op, operands, what, std::to_string(dim), range));
}

template <class D>
std::optional<ShapeError> check_min_rank(const std::string& op,
                                         const std::vector<std::string>& operands,
                                         const std::string& who, const Shape<D>& s,
                                         std::int64_t min_rank) {
  if (s.rank() >= min_rank) return std::nullopt;
  return structural_error<D>(op, operands, who + " has too few dims",
                             "rank " + std::to_string(s.rank()),
                             "rank >= " + std::to_string(min_rank));
}

template <class D>
std::optional<ShapeError> check_at_most(const std::string& op,
                                        const std::vector<std::string>& operands,
                                        const std::string& what, const D& a, const D& b) {
  Obligation ob = DimOps<D>::require_at_most(a, b);
  if (ob.holds()) return std::nullopt;
  return make_shape_error(op, operands, what, DimOps<D>::str(a), DimOps<D>::str(b), ob);
}

template <class D>
std::optional<ShapeError> check_nonnegative(const std::string& op,
                                            const std::vector<std::string>& operands,
                                            const std::string& what, const D& d) {
  Obligation ob = DimOps<D>::require_at_most(D(0), d);
  if (ob.holds()) return std::nullopt;
  return make_shape_error(op, operands, what, DimOps<D>::str(d), "0", ob);
}

template <class D>
Division<D> require_divisible(const D& a, const D& b) {
  if constexpr (std::is_same_v<D, Dim>) {
    return divide_symbolic(a, b);
  } else {
    if (auto q = DimOps<D>::exact_div(a, b)) return {{sym::Truth::kProved, "", std::nullopt}, q};
    return {always_fails<D>(), std::nullopt};
  }
}

// Explicit instantiations: the two dimension types every rule is written for.
template Obligation always_fails<std::int64_t>();
template Obligation always_fails<Dim>();
template ShapeError structural_error<std::int64_t>(const std::string&,
                                                   const std::vector<std::string>&,
                                                   const std::string&, const std::string&,
                                                   const std::string&);
template ShapeError structural_error<Dim>(const std::string&, const std::vector<std::string>&,
                                          const std::string&, const std::string&,
                                          const std::string&);
template Result<std::int64_t, ShapeError> wrap_dim(const std::string&,
                                                   const std::vector<std::string>&,
                                                   const std::string&, const Shape<std::int64_t>&,
                                                   std::int64_t, bool);
template Result<std::int64_t, ShapeError> wrap_dim(const std::string&,
                                                   const std::vector<std::string>&,
                                                   const std::string&, const Shape<Dim>&,
                                                   std::int64_t, bool);
template std::optional<ShapeError> check_min_rank(const std::string&,
                                                  const std::vector<std::string>&,
                                                  const std::string&, const Shape<std::int64_t>&,
                                                  std::int64_t);
template std::optional<ShapeError> check_min_rank(const std::string&,
                                                  const std::vector<std::string>&,
                                                  const std::string&, const Shape<Dim>&,
                                                  std::int64_t);
template std::optional<ShapeError> check_at_most(const std::string&,
                                                 const std::vector<std::string>&,
                                                 const std::string&, const std::int64_t&,
                                                 const std::int64_t&);
template std::optional<ShapeError> check_at_most(const std::string&,
                                                 const std::vector<std::string>&,
                                                 const std::string&, const Dim&, const Dim&);
template std::optional<ShapeError> check_nonnegative(const std::string&,
                                                     const std::vector<std::string>&,
                                                     const std::string&, const std::int64_t&);
template std::optional<ShapeError> check_nonnegative(const std::string&,
                                                     const std::vector<std::string>&,
                                                     const std::string&, const Dim&);
template Division<std::int64_t> require_divisible(const std::int64_t&, const std::int64_t&);
template Division<Dim> require_divisible(const Dim&, const Dim&);

}  // namespace kvcheck::shape
