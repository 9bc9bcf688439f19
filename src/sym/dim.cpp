// Dim: canonical integer polynomials: arithmetic, exact division, evaluation, printing.
#include "kvcheck/sym/dim.hpp"

#include <algorithm>
#include <iterator>
#include <numeric>
#include <string>

#include "checked.hpp"
#include "kvcheck/sym/wide_int.hpp"

namespace kvcheck::sym {
namespace {

Dim power(const Dim& base, int e) {
  Dim out(1);
  for (int i = 0; i < e; ++i) out *= base;
  return out;
}

/// |c| without the overflow of -INT64_MIN.
std::uint64_t magnitude(std::int64_t c) {
  const auto u = static_cast<std::uint64_t>(c);
  return c < 0 ? 0 - u : u;
}

}  // namespace

Dim::Dim(std::int64_t constant) {
  if (constant != 0) terms_.emplace(Monomial(), constant);
}

Dim::Dim(Symbol s) { terms_.emplace(Monomial(s), 1); }

Dim Dim::n_heads() { return Dim(symbols::group()) * Dim(symbols::n_kv_heads()); }

void Dim::add_term(const Monomial& m, std::int64_t c, bool subtract) {
  if (c == 0) return;
  auto it = terms_.find(m);
  if (it == terms_.end()) {
    terms_.emplace(m, subtract ? detail::mul<std::int64_t>(c, -1) : c);
    return;
  }
  // Subtracting directly (rather than adding -c) keeps x - x exact even for INT64_MIN.
  std::int64_t sum;
  const bool overflow = subtract ? __builtin_sub_overflow(it->second, c, &sum)
                                 : __builtin_add_overflow(it->second, c, &sum);
  if (overflow) detail::throw_overflow("coefficient");
  if (sum == 0) {
    terms_.erase(it);
  } else {
    it->second = sum;
  }
}

// In place, term by term; `d += d` and `d -= d` go through a copy, since adding a term to
// the map being iterated would erase or move under the loop.
Dim& Dim::operator+=(const Dim& b) {
  if (&b == this) return *this += Dim(b);
  for (const auto& [m, c] : b.terms_) add_term(m, c);
  return *this;
}

Dim& Dim::operator-=(const Dim& b) {
  if (&b == this) return *this -= Dim(b);
  for (const auto& [m, c] : b.terms_) add_term(m, c, /*subtract=*/true);
  return *this;
}

std::optional<std::int64_t> Dim::constant_value() const {
  if (terms_.empty()) return 0;
  if (terms_.size() == 1 && terms_.begin()->first.is_constant()) return terms_.begin()->second;
  return std::nullopt;
}

int Dim::degree() const { return terms_.empty() ? 0 : terms_.begin()->first.degree(); }

int Dim::degree_in(Symbol s) const {
  int d = 0;
  for (const auto& [m, c] : terms_) d = std::max<int>(d, m.exponent(s));
  return d;
}

std::vector<Symbol> Dim::symbols() const {
  // Few distinct symbols, many occurrences: insert into a sorted set kept as a vector.
  std::vector<Symbol> out;
  for (const auto& [m, c] : terms_) {
    for (const auto& [s, e] : m.factors()) {
      auto at = std::lower_bound(out.begin(), out.end(), s);
      if (at == out.end() || *at != s) out.insert(at, s);
    }
  }
  return out;
}

// Named results rather than `return out += b`, which would copy the map once more.
Dim operator+(const Dim& a, const Dim& b) {
  Dim out = a;
  out += b;
  return out;
}

Dim operator-(const Dim& a, const Dim& b) {
  Dim out = a;
  out -= b;
  return out;
}

Dim operator-(const Dim& a) { return Dim() - a; }

Dim operator*(const Dim& a, const Dim& b) {
  // Collect, sort and merge, then insert in order: one tree insertion per distinct monomial,
  // each at the end, instead of a search per partial product.
  std::vector<std::pair<Monomial, std::int64_t>> products;
  products.reserve(a.terms_.size() * b.terms_.size());
  for (const auto& [ma, ca] : a.terms_) {
    for (const auto& [mb, cb] : b.terms_) products.emplace_back(ma * mb, detail::mul(ca, cb));
  }
  std::sort(products.begin(), products.end(),
            [](const auto& x, const auto& y) { return x.first < y.first; });
  Dim out;
  for (auto& [m, c] : products) {
    if (out.terms_.empty() || !(std::prev(out.terms_.end())->first == m)) {
      out.terms_.emplace_hint(out.terms_.end(), std::move(m), c);
      continue;
    }
    auto last = std::prev(out.terms_.end());
    last->second = detail::add(last->second, c);
    // A zero partial sum is dropped; a later product of the same monomial re-inserts it.
    if (last->second == 0) out.terms_.erase(last);
  }
  return out;
}

std::optional<Dim> exact_div(const Dim& a, const Dim& b) {
  if (b.is_zero()) return std::nullopt;
  const Monomial lead_m = b.terms_.begin()->first;
  const std::int64_t lead_c = b.terms_.begin()->second;
  Dim quotient;
  Dim rest = a;
  // Division with remainder in graded lex order; when b divides a, every leading term of the
  // running remainder is divisible by b's leading term, so any failure proves non-divisibility.
  while (!rest.is_zero()) {
    const auto& [rm, rc] = *rest.terms_.begin();
    auto m = divide(rm, lead_m);
    // INT64_MIN % -1 and INT64_MIN / -1 are undefined; -1 divides everything anyway.
    if (!m || (lead_c != -1 && rc % lead_c != 0)) return std::nullopt;
    const std::int64_t qc = lead_c == -1 ? detail::mul<std::int64_t>(rc, -1) : rc / lead_c;
    // Leading terms strictly decrease, so each quotient term lands at the end of the map.
    quotient.terms_.emplace_hint(quotient.terms_.end(), *m, qc);
    for (const auto& [mb, cb] : b.terms_) rest.add_term(*m * mb, detail::mul(qc, cb), true);
  }
  return quotient;
}

Result<Dim> floor_div(const Dim& a, const Dim& b) {
  if (b.is_zero()) return unexpected("floor_div: division of " + a.to_string() + " by zero");
  if (auto q = exact_div(a, b)) return *q;
  return unexpected("floor_div: " + a.to_string() + " is not a multiple of " + b.to_string() +
                    " for every configuration, so the quotient is not a dimension polynomial");
}

std::int64_t coefficient_content(const Dim& p) {
  std::uint64_t g = 0;
  for (const auto& [m, c] : p.terms()) {
    const auto u = static_cast<std::uint64_t>(c);
    g = std::gcd(g, c < 0 ? 0 - u : u);
  }
  if (g > static_cast<std::uint64_t>(INT64_MAX)) g /= 2;
  return static_cast<std::int64_t>(g);
}

Monomial monomial_content(const Dim& p) {
  if (p.is_zero()) return Monomial();
  Monomial content = p.terms().begin()->first;
  for (const auto& [m, c] : p.terms()) content = gcd(content, m);
  return content;
}

Dim to_dim(const Monomial& m) {
  Dim out(1);
  for (const auto& [s, e] : m.factors()) {
    for (int i = 0; i < e; ++i) out *= Dim(s);
  }
  return out;
}

std::optional<std::int64_t> Dim::evaluate(const Assignment& values) const {
  // Missing symbols first: an unassigned symbol means "no value", never an overflow error.
  for (const auto& [m, c] : terms_) {
    for (const auto& [s, e] : m.factors()) {
      if (!values.contains(s)) return std::nullopt;
    }
  }
  // Terms may exceed int64 and still cancel (x*y - x*z), so only the sum must fit.
  Int128 total = 0;
  for (const auto& [m, c] : terms_) {
    Int128 term = c;
    for (const auto& [s, e] : m.factors()) {
      const Int128 v = *values.get(s);
      for (int i = 0; i < e; ++i) term = detail::mul(term, v, "value");
    }
    total = detail::add(total, term, "value");
  }
  return detail::narrow(total);
}

Dim Dim::substitute(Symbol s, const Dim& by) const {
  Dim out;
  for (const auto& [m, c] : terms_) {
    const int e = m.exponent(s);
    if (e == 0) {
      out.add_term(m, c);
      continue;
    }
    Monomial rest = *divide(m, Monomial(s, static_cast<std::uint16_t>(e)));
    Dim term;
    term.terms_.emplace(rest, c);
    out += term * power(by, e);
  }
  return out;
}

std::string Dim::to_string() const {
  if (terms_.empty()) return "0";
  std::string out;
  bool first = true;
  for (const auto& [m, c] : terms_) {
    if (first) {
      if (c < 0) out += "-";
    } else {
      out += c < 0 ? " - " : " + ";
    }
    first = false;
    const std::uint64_t mag = magnitude(c);
    if (m.is_constant()) {
      out += std::to_string(mag);
    } else {
      if (mag != 1) out += std::to_string(mag) + "*";
      out += m.to_string();
    }
  }
  return out;
}

bool Dim::check_invariant() const {
  for (const auto& [m, c] : terms_) {
    if (c == 0) return false;
    const auto& f = m.factors();
    for (std::size_t k = 0; k < f.size(); ++k) {
      if (f[k].second == 0) return false;
      if (k > 0 && !(f[k - 1].first < f[k].first)) return false;
    }
  }
  return true;
}

}  // namespace kvcheck::sym
