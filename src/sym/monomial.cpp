// Monomial: products of symbol powers in canonical (sorted, positive-exponent) form.
#include <algorithm>
#include <limits>
#include <string>

#include "checked.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym {

Monomial::Monomial(Symbol s, std::uint16_t exponent) : degree_(exponent) {
  if (exponent > 0) factors_.push_back({s, exponent});
}

std::uint16_t Monomial::exponent(Symbol s) const {
  for (const auto& [sym, e] : factors_) {
    if (sym == s) return e;
  }
  return 0;
}

Monomial operator*(const Monomial& a, const Monomial& b) {
  Monomial out;
  out.factors_.reserve(a.factors_.size() + b.factors_.size());
  out.degree_ = a.degree_ + b.degree_;
  auto i = a.factors_.begin();
  auto j = b.factors_.begin();
  while (i != a.factors_.end() || j != b.factors_.end()) {
    if (j == b.factors_.end() || (i != a.factors_.end() && i->first < j->first)) {
      out.factors_.push_back(*i++);
    } else if (i == a.factors_.end() || j->first < i->first) {
      out.factors_.push_back(*j++);
    } else {
      // A wrapped exponent would silently change the polynomial (x^65535 * x == 1).
      const int e = i->second + j->second;
      if (e > std::numeric_limits<std::uint16_t>::max()) detail::throw_overflow("exponent");
      out.factors_.push_back({i->first, static_cast<std::uint16_t>(e)});
      ++i;
      ++j;
    }
  }
  return out;
}

std::optional<Monomial> divide(const Monomial& a, const Monomial& b) {
  if (b.degree_ > a.degree_) return std::nullopt;
  Monomial out;
  out.degree_ = a.degree_ - b.degree_;
  auto i = a.factors_.begin();
  for (const auto& [s, e] : b.factors_) {
    while (i != a.factors_.end() && i->first < s) out.factors_.push_back(*i++);
    if (i == a.factors_.end() || i->first != s || i->second < e) return std::nullopt;
    if (i->second > e) out.factors_.push_back({s, static_cast<std::uint16_t>(i->second - e)});
    ++i;
  }
  while (i != a.factors_.end()) out.factors_.push_back(*i++);
  return out;
}

Monomial gcd(const Monomial& a, const Monomial& b) {
  Monomial out;
  for (const auto& [s, e] : a.factors_) {
    std::uint16_t f = b.exponent(s);
    if (f == 0) continue;
    out.factors_.push_back({s, std::min(e, f)});
    out.degree_ += out.factors_.back().second;
  }
  return out;
}

// "a comes before b" means a is the greater monomial in graded lexicographic order, so
// a Dim's first term is its leading term (what exact_div needs) and constants print last.
bool operator<(const Monomial& a, const Monomial& b) {
  if (a.degree_ != b.degree_) return a.degree_ > b.degree_;
  std::size_t n = std::min(a.factors_.size(), b.factors_.size());
  for (std::size_t k = 0; k < n; ++k) {
    const auto& [sa, ea] = a.factors_[k];
    const auto& [sb, eb] = b.factors_[k];
    if (sa != sb) return sa < sb;  // a has the earlier symbol where b has exponent 0
    if (ea != eb) return ea > eb;
  }
  return a.factors_.size() > b.factors_.size();
}

std::string Monomial::to_string() const {
  if (factors_.empty()) return "1";
  // group^a * n_kv_heads^b prints as n_heads^min(a,b) times the remainder, placed where
  // n_kv_heads sits, because users think in head counts, not in group sizes.
  const Symbol kv = symbols::n_kv_heads();
  const Symbol g = symbols::group();
  const std::uint16_t heads = std::min(exponent(kv), exponent(g));
  std::string out;
  auto append = [&out](const std::string& name, int e) {
    if (e <= 0) return;
    if (!out.empty()) out += "*";
    out += name;
    if (e > 1) out += "^" + std::to_string(e);
  };
  for (const auto& [s, e] : factors_) {
    if (s == kv) {
      append("n_heads", heads);
      append(s.name(), e - heads);
    } else if (s == g) {
      append(s.name(), e - heads);
    } else {
      append(s.name(), e);
    }
  }
  return out;
}

}  // namespace kvcheck::sym
