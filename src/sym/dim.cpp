// Dim: canonical integer polynomials: arithmetic, exact division, evaluation, printing.
#include "kvcheck/sym/dim.hpp"
#include "kvcheck/sym/wide_int.hpp"

#include <algorithm>
#include <cassert>
#include <stdexcept>
#include <string>

namespace kvcheck::sym {
namespace {

std::int64_t checked_add(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_add_overflow(a, b, &r)) throw std::overflow_error("dim coefficient overflow");
  return r;
}

std::int64_t checked_mul(std::int64_t a, std::int64_t b) {
  std::int64_t r;
  if (__builtin_mul_overflow(a, b, &r)) throw std::overflow_error("dim coefficient overflow");
  return r;
}

Dim power(const Dim& base, int e) {
  Dim out(1);
  for (int i = 0; i < e; ++i) out *= base;
  return out;
}

}  // namespace

Dim::Dim(std::int64_t constant) {
  if (constant != 0) terms_.emplace(Monomial(), constant);
}

Dim::Dim(Symbol s) { terms_.emplace(Monomial(s), 1); }

Dim Dim::n_heads() { return Dim(symbols::group()) * Dim(symbols::n_kv_heads()); }

void Dim::add_term(const Monomial& m, std::int64_t c) {
  if (c == 0) return;
  auto [it, inserted] = terms_.emplace(m, c);
  if (inserted) return;
  it->second = checked_add(it->second, c);
  if (it->second == 0) terms_.erase(it);
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
  std::vector<Symbol> out;
  for (const auto& [m, c] : terms_) {
    for (const auto& [s, e] : m.factors()) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

Dim operator+(const Dim& a, const Dim& b) {
  Dim out = a;
  for (const auto& [m, c] : b.terms_) out.add_term(m, c);
  return out;
}

Dim operator-(const Dim& a) {
  Dim out;
  for (const auto& [m, c] : a.terms_) out.terms_.emplace(m, checked_mul(c, -1));
  return out;
}

Dim operator-(const Dim& a, const Dim& b) { return a + (-b); }

Dim operator*(const Dim& a, const Dim& b) {
  Dim out;
  for (const auto& [ma, ca] : a.terms_) {
    for (const auto& [mb, cb] : b.terms_) out.add_term(ma * mb, checked_mul(ca, cb));
  }
  return out;
}

std::optional<Dim> exact_div(const Dim& a, const Dim& b) {
  if (b.is_zero()) return std::nullopt;
  const auto& [lead_m, lead_c] = *b.terms_.begin();
  Dim quotient;
  Dim rest = a;
  // Division with remainder in graded lex order; when b divides a, every leading term of the
  // running remainder is divisible by b's leading term, so any failure proves non-divisibility.
  while (!rest.is_zero()) {
    const auto& [rm, rc] = *rest.terms_.begin();
    auto m = divide(rm, lead_m);
    if (!m || rc % lead_c != 0) return std::nullopt;
    Dim step;
    step.terms_.emplace(*m, rc / lead_c);
    quotient += step;
    rest -= step * b;
  }
  return quotient;
}

Result<Dim> floor_div(const Dim& a, const Dim& b) {
  if (b.is_zero()) return unexpected("floor_div: division of " + a.to_string() + " by zero");
  if (auto q = exact_div(a, b)) return *q;
  return unexpected("floor_div: " + a.to_string() + " is not a multiple of " + b.to_string() +
                    " for every configuration, so the quotient is not a dimension polynomial");
}

std::optional<std::int64_t> Dim::evaluate(const Assignment& values) const {
  Int128 total = 0;
  for (const auto& [m, c] : terms_) {
    Int128 term = c;
    for (const auto& [s, e] : m.factors()) {
      auto v = values.get(s);
      if (!v) return std::nullopt;
      for (int i = 0; i < e; ++i) {
        term *= *v;
        if (term > INT64_MAX || term < INT64_MIN) throw std::overflow_error("dim value overflow");
      }
    }
    total += term;
    if (total > INT64_MAX || total < INT64_MIN) throw std::overflow_error("dim value overflow");
  }
  return static_cast<std::int64_t>(total);
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
    std::int64_t mag = c < 0 ? -c : c;
    if (first) {
      if (c < 0) out += "-";
    } else {
      out += c < 0 ? " - " : " + ";
    }
    first = false;
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
