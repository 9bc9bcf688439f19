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

// A factor common to a and b that is positive in every configuration (the coefficients' gcd
// and symbols with lower bound >= 1) changes neither whether b divides a nor the quotient;
// cancelling it makes a condition read "hidden is not a multiple of head_dim".
std::pair<Dim, Dim> cancel_positive_content(const Dim& a, const Dim& b) {
  if (a.is_zero() || b.is_zero()) return {a, b};
  Dim divisor(std::gcd(sym::coefficient_content(a), sym::coefficient_content(b)));
  const sym::Monomial content = gcd(sym::monomial_content(a), sym::monomial_content(b));
  for (const auto& [s, e] : content.factors()) {
    if (s.lower_bound() >= 1) divisor *= to_dim(sym::Monomial(s, e));
  }
  return {*exact_div(a, divisor), *exact_div(b, divisor)};
}

Division<Dim> divide_symbolic(const Dim& a, const Dim& b) {
  if (auto q = exact_div(a, b)) return {{sym::Truth::kProved, "", std::nullopt}, std::move(q)};
  const auto [num, den] = cancel_positive_content(a, b);
  if (num.constant_value() && den.constant_value()) return {always_fails<Dim>(), std::nullopt};
  // 1 is a multiple of den exactly where den == 1: that equation has a readable condition.
  if (num == Dim(1)) return {DimOps<Dim>::require_equal(den, Dim(1)), std::nullopt};
  const std::string when = num.to_string() + " is not a multiple of " + den.to_string();
  const sym::Decision d = sym::decide_divisible(num, den);
  return {{d.truth, when, d.witness}, std::nullopt};
}

}  // namespace

template <class D>
Obligation always_fails() {
  Obligation ob{sym::Truth::kRefuted, "always", std::nullopt};
  if constexpr (std::is_same_v<D, Dim>) ob.smallest = sym::Assignment{};
  return ob;
}

template <class D>
ShapeError structural_error(const std::string& op, const LazyOperands& operands,
                            const LazyText& what, const std::string& lhs, const std::string& rhs) {
  return make_shape_error(op, operands.get(), what.get(), lhs, rhs, always_fails<D>());
}

template <class D>
Result<std::int64_t, ShapeError> wrap_dim(const std::string& op, const LazyOperands& operands,
                                          const LazyText& who, const Shape<D>& s, std::int64_t dim,
                                          bool scalar_as_vector) {
  const std::int64_t rank = scalar_as_vector && s.rank() == 0 ? 1 : s.rank();
  if (auto wrapped = normalize_dim(dim, rank)) return *wrapped;
  const std::string range =
      rank == 0 ? "no dims" : "[" + std::to_string(-rank) + ", " + std::to_string(rank - 1) + "]";
  const std::string what = "dim " + std::to_string(dim) + " is out of range for " + who.get();
  return unexpected(structural_error<D>(op, operands, what, std::to_string(dim), range));
}

template <class D>
std::optional<ShapeError> check_min_rank(const std::string& op, const LazyOperands& operands,
                                         const LazyText& who, const Shape<D>& s,
                                         std::int64_t min_rank) {
  if (s.rank() >= min_rank) return std::nullopt;
  return structural_error<D>(op, operands, who.get() + " has too few dims",
                             "rank " + std::to_string(s.rank()),
                             "rank >= " + std::to_string(min_rank));
}

template <class D>
std::optional<ShapeError> check_at_most(const std::string& op, const LazyOperands& operands,
                                        const LazyText& what, const D& a, const D& b) {
  Obligation ob = DimOps<D>::require_at_most(a, b);
  if (ob.holds()) return std::nullopt;
  return make_shape_error(op, operands.get(), what.get(), DimOps<D>::str(a), DimOps<D>::str(b), ob);
}

template <class D>
std::optional<ShapeError> check_nonnegative(const std::string& op, const LazyOperands& operands,
                                            const LazyText& what, const D& d) {
  Obligation ob = DimOps<D>::require_at_most(D(0), d);
  if (ob.holds()) return std::nullopt;
  return make_shape_error(op, operands.get(), what.get(), DimOps<D>::str(d), "0", ob);
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
template ShapeError structural_error<std::int64_t>(const std::string&, const LazyOperands&,
                                                   const LazyText&, const std::string&,
                                                   const std::string&);
template ShapeError structural_error<Dim>(const std::string&, const LazyOperands&, const LazyText&,
                                          const std::string&, const std::string&);
template Result<std::int64_t, ShapeError> wrap_dim(const std::string&, const LazyOperands&,
                                                   const LazyText&, const Shape<std::int64_t>&,
                                                   std::int64_t, bool);
template Result<std::int64_t, ShapeError> wrap_dim(const std::string&, const LazyOperands&,
                                                   const LazyText&, const Shape<Dim>&, std::int64_t,
                                                   bool);
template std::optional<ShapeError> check_min_rank(const std::string&, const LazyOperands&,
                                                  const LazyText&, const Shape<std::int64_t>&,
                                                  std::int64_t);
template std::optional<ShapeError> check_min_rank(const std::string&, const LazyOperands&,
                                                  const LazyText&, const Shape<Dim>&, std::int64_t);
template std::optional<ShapeError> check_at_most(const std::string&, const LazyOperands&,
                                                 const LazyText&, const std::int64_t&,
                                                 const std::int64_t&);
template std::optional<ShapeError> check_at_most(const std::string&, const LazyOperands&,
                                                 const LazyText&, const Dim&, const Dim&);
template std::optional<ShapeError> check_nonnegative(const std::string&, const LazyOperands&,
                                                     const LazyText&, const std::int64_t&);
template std::optional<ShapeError> check_nonnegative(const std::string&, const LazyOperands&,
                                                     const LazyText&, const Dim&);
template Division<std::int64_t> require_divisible(const std::int64_t&, const std::int64_t&);
template Division<Dim> require_divisible(const Dim&, const Dim&);

}  // namespace kvcheck::shape
