// Random dims and assignments for the sym properties. Dims are built from plain data (term
// lists of symbols and small coefficients) with gen::map, so RapidCheck shrinks a failing
// dim by dropping terms, dropping factors, moving factors to earlier symbols and shrinking
// coefficients towards zero.
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

/// An integer in [min, max], uniform from the first case on: gen::inRange scales its range
/// by RapidCheck's size, which would make early cases always pick min. Shrinks towards min.
template <class T>
rc::Gen<T> uniform(T min, T max) {
  return rc::gen::resize(100, rc::gen::inRange<T>(min, max + 1));
}

/// An integer in [-max_abs, max_abs]; shrinks towards 0, then towards positive.
inline rc::Gen<std::int64_t> small_int(std::int64_t max_abs) {
  return rc::gen::map(rc::gen::pair(rc::gen::arbitrary<bool>(), uniform<std::int64_t>(0, max_abs)),
                      [](const std::pair<bool, std::int64_t>& spec) {
                        return spec.first ? -spec.second : spec.second;
                      });
}

/// One of the pool's symbols; shrinks towards the first.
inline rc::Gen<Symbol> pool_symbol() {
  return rc::gen::map(uniform<std::size_t>(0, pool().size() - 1),
                      [](std::size_t i) { return pool()[i]; });
}

/// A list of n elements, n drawn from [min_n, max_n]; shrinks towards fewer elements.
template <class T>
rc::Gen<std::vector<T>> list_of(int min_n, int max_n, rc::Gen<T> element) {
  return rc::gen::mapcat(uniform(min_n, max_n), [element](int n) {
    return rc::gen::container<std::vector<T>>(static_cast<std::size_t>(n), element);
  });
}

/// One term: a coefficient in [-max_coef, max_coef] times up to max_factors symbol powers,
/// each with exponent 1 or 2 (so that squares, which substitution must expand, are common).
inline rc::Gen<Dim> term(int max_factors, std::int64_t max_coef) {
  const auto power = rc::gen::pair(pool_symbol(), uniform<std::uint16_t>(1, 2));
  return rc::gen::map(rc::gen::pair(small_int(max_coef), list_of(0, max_factors, power)),
                      [](const auto& spec) {
                        Dim d(spec.first);
                        for (const auto& [s, e] : spec.second) {
                          for (int k = 0; k < e; ++k) d *= Dim(s);
                        }
                        return d;
                      });
}

/// A dim of up to max_terms terms of up to max_factors symbol powers (terms may merge or
/// cancel).
inline rc::Gen<Dim> dim(int max_terms = 4, int max_factors = 2, std::int64_t max_coef = 4) {
  return rc::gen::map(list_of<Dim>(0, max_terms, term(max_factors, max_coef)),
                      [](const std::vector<Dim>& terms) {
                        Dim sum;
                        for (const Dim& t : terms) sum += t;
                        return sum;
                      });
}

/// A dim with many small roots: a nonzero random dim times up to max_factors factors (x - c) with
/// c within two of x's lower bound, the shape of "fails only when group >= 2" obligations.
inline rc::Gen<Dim> factored_dim(int max_factors = 3) {
  const auto factor = rc::gen::map(rc::gen::pair(pool_symbol(), uniform<std::int64_t>(0, 2)),
                                   [](const std::pair<Symbol, std::int64_t>& spec) {
                                     const Symbol x = spec.first;
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

/// A linear form centred on the lower bounds, c + sum a_i*(x_i - lb_i) with small a_i and
/// c in [-1, 1], so that it often vanishes at and near the smallest configuration.
inline rc::Gen<Dim> centred_linear_form() {
  const auto summand = rc::gen::map(rc::gen::pair(pool_symbol(), small_int(2)),
                                    [](const std::pair<Symbol, std::int64_t>& spec) {
                                      const Symbol x = spec.first;
                                      return spec.second * (Dim(x) - x.lower_bound());
                                    });
  return rc::gen::map(rc::gen::pair(small_int(1), list_of<Dim>(1, 3, summand)),
                      [](const std::pair<std::int64_t, std::vector<Dim>>& spec) {
                        Dim form(spec.first);
                        for (const Dim& d : spec.second) form += d;
                        return form;
                      });
}

/// A product of up to max_forms centred linear forms, e.g.
/// (batch - head_dim)*(batch + head_dim - 3): roots scattered over small configurations, so
/// the smallest non-root is often not the first point of its total.
inline rc::Gen<Dim> product_of_linear_forms(int max_forms = 3) {
  return rc::gen::map(list_of<Dim>(1, max_forms, centred_linear_form()),
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
      rc::gen::container<std::vector<std::int64_t>>(pool().size(),
                                                    uniform<std::int64_t>(0, max_excess)),
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
