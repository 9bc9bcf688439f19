// Random dims and assignments for the sym properties. Dims are built from plain data (term
// lists of symbol indices and small coefficients) with gen::map, so RapidCheck shrinks a
// failing dim by dropping terms, dropping factors, moving factors to earlier symbols and
// shrinking coefficients towards zero.
#pragma once

#include <rapidcheck.h>

#include <cstdint>
#include <ostream>
#include <utility>
#include <vector>

#include "kvcheck/sym/assignment.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym {

// RapidCheck prints counterexamples through showValue, found by argument-dependent lookup.
inline void showValue(const Dim& d, std::ostream& os) { os << d.to_string(); }
inline void showValue(const Assignment& a, std::ostream& os) { os << "{" << a.to_string() << "}"; }

namespace testgen {

/// The symbols random dims range over: both factors of n_heads (so its printing is
/// exercised), two sizes, and the two symbols whose lower bound is 0.
inline const std::vector<Symbol>& pool() {
  static const std::vector<Symbol> symbols = {symbols::batch(),    symbols::n_kv_heads(),
                                              symbols::group(),    symbols::head_dim(),
                                              symbols::cache_spare(), symbols::pos()};
  return symbols;
}

/// A list of n elements, n drawn from [min_n, max_n]; shrinks towards fewer elements.
template <class T>
rc::Gen<std::vector<T>> list_of(int min_n, int max_n, rc::Gen<T> element) {
  return rc::gen::mapcat(rc::gen::inRange(min_n, max_n + 1), [element](int n) {
    return rc::gen::container<std::vector<T>>(static_cast<std::size_t>(n), element);
  });
}

/// One term: a coefficient in [-max_coef, max_coef] times up to max_degree pool symbols.
inline rc::Gen<Dim> term(int max_degree, std::int64_t max_coef) {
  const auto symbol_index = rc::gen::inRange<std::size_t>(0, pool().size());
  return rc::gen::map(
      rc::gen::pair(rc::gen::inRange<std::int64_t>(-max_coef, max_coef + 1),
                    list_of<std::size_t>(0, max_degree, symbol_index)),
      [](const std::pair<std::int64_t, std::vector<std::size_t>>& spec) {
        Dim d(spec.first);
        for (std::size_t i : spec.second) d *= Dim(pool()[i]);
        return d;
      });
}

/// A dim of up to max_terms terms, each of degree <= max_degree (terms may merge or cancel).
inline rc::Gen<Dim> dim(int max_terms = 4, int max_degree = 2, std::int64_t max_coef = 4) {
  return rc::gen::map(list_of<Dim>(0, max_terms, term(max_degree, max_coef)),
                      [](const std::vector<Dim>& terms) {
                        Dim sum;
                        for (const Dim& t : terms) sum += t;
                        return sum;
                      });
}

/// A dim with many small roots: a nonzero random dim times up to max_factors factors (x - c) with
/// c within two of x's lower bound, the shape of "fails only when group >= 2" obligations.
inline rc::Gen<Dim> factored_dim(int max_factors = 3) {
  const auto factor = rc::gen::map(
      rc::gen::pair(rc::gen::inRange<std::size_t>(0, pool().size()),
                    rc::gen::inRange<std::int64_t>(0, 3)),
      [](const std::pair<std::size_t, std::int64_t>& spec) {
        const Symbol x = pool()[spec.first];
        return Dim(x) - (x.lower_bound() + spec.second);
      });
  const auto nonzero = rc::gen::suchThat(dim(2, 1), [](const Dim& d) { return !d.is_zero(); });
  return rc::gen::map(rc::gen::pair(nonzero, list_of<Dim>(0, max_factors, factor)),
                      [](const std::pair<Dim, std::vector<Dim>>& spec) {
                        Dim product = spec.first;
                        for (const Dim& f : spec.second) product *= f;
                        return product;
                      });
}

/// A product of up to max_forms linear forms with small coefficients, e.g.
/// (batch - head_dim)*(batch + head_dim - 3): roots scattered off the lower bounds, so the
/// smallest non-root is often not the first point of its total.
inline rc::Gen<Dim> product_of_linear_forms(int max_forms = 3) {
  return rc::gen::map(list_of<Dim>(1, max_forms, dim(3, 1, 2)),
                      [](const std::vector<Dim>& forms) {
                        Dim product(1);
                        for (const Dim& f : forms) product *= f;
                        return product;
                      });
}

/// Any of the dim shapes above: what decision properties quantify over.
inline rc::Gen<Dim> any_dim() {
  return rc::gen::oneOf(dim(3, 2), factored_dim(), product_of_linear_forms());
}

/// A value for every pool symbol, each at most max_excess above its lower bound; shrinks
/// towards the lower bounds.
inline rc::Gen<Assignment> assignment(std::int64_t max_excess = 4) {
  return rc::gen::map(
      rc::gen::container<std::vector<std::int64_t>>(
          pool().size(), rc::gen::inRange<std::int64_t>(0, max_excess + 1)),
      [](const std::vector<std::int64_t>& excess) {
        Assignment a;
        for (std::size_t i = 0; i < pool().size(); ++i) {
          a.set(pool()[i], pool()[i].lower_bound() + excess[i]);
        }
        return a;
      });
}

}  // namespace testgen
}  // namespace kvcheck::sym
