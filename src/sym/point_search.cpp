// CompiledPoly and the composition walk behind counter-model and witness searches.
#include "point_search.hpp"

#include <algorithm>
#include <numeric>

#include "checked.hpp"

namespace kvcheck::sym::detail {

CompiledPoly::CompiledPoly(const Dim& p) : vars_(p.symbols()), max_exp_(vars_.size(), 0) {
  const std::size_t n = vars_.size();
  for (const auto& [m, c] : p.terms()) {
    coefs_.push_back(c);
    exps_.resize(exps_.size() + n, 0);
    std::uint16_t* r = exps_.data() + (exps_.size() - n);
    for (const auto& [s, e] : m.factors()) {
      const auto j = static_cast<std::size_t>(
          std::lower_bound(vars_.begin(), vars_.end(), s) - vars_.begin());
      r[j] = e;
      max_exp_[j] = std::max<int>(max_exp_[j], e);
    }
  }
  std::size_t offset = 0;
  std::uint64_t place = 1;
  bool fits = true;
  for (std::size_t j = 0; j < n; ++j) {
    pow_offset_.push_back(offset);
    offset += static_cast<std::size_t>(max_exp_[j]) + 1;
    place_.push_back(place);
    fits = fits && !__builtin_mul_overflow(place, std::uint64_t(max_exp_[j]) + 1, &place);
  }
  pow_.resize(offset);
  if (!fits) return;
  for (std::size_t t = 0; t < coefs_.size(); ++t) {
    std::uint64_t code = 0;
    for (std::size_t j = 0; j < n; ++j) code += row(t)[j] * place_[j];
    codes_.push_back(code);
  }
}

std::vector<std::uint64_t> CompiledPoly::keys_except(std::size_t var) const {
  std::vector<std::uint64_t> keys(coefs_.size());
  if (!codes_.empty()) {
    // Dropping one digit of the mixed-radix code leaves the code of the other exponents.
    for (std::size_t t = 0; t < keys.size(); ++t) keys[t] = codes_[t] - row(t)[var] * place_[var];
    return keys;
  }
  // Codes overflowed: rank the rows instead, comparing all other exponents.
  const auto less = [&](std::size_t a, std::size_t b) {
    for (std::size_t j = 0; j < vars_.size(); ++j) {
      if (j != var && row(a)[j] != row(b)[j]) return row(a)[j] < row(b)[j];
    }
    return false;
  };
  std::vector<std::size_t> order(keys.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), less);
  for (std::size_t k = 1; k < order.size(); ++k) {
    keys[order[k]] = keys[order[k - 1]] + (less(order[k - 1], order[k]) ? 1 : 0);
  }
  return keys;
}

Int128 CompiledPoly::eval(const std::vector<std::int64_t>& x) const {
  const std::size_t n = vars_.size();
  // Each power is computed once per point, then every term is a few table lookups.
  for (std::size_t j = 0; j < n; ++j) {
    Int128* pw = &pow_[pow_offset_[j]];
    pw[0] = 1;
    for (int e = 1; e <= max_exp_[j]; ++e) pw[e] = mul<Int128>(pw[e - 1], x[j], "value");
  }
  Int128 total = 0;
  for (std::size_t t = 0; t < coefs_.size(); ++t) {
    Int128 term = coefs_[t];
    const std::uint16_t* r = row(t);
    for (std::size_t j = 0; j < n; ++j) {
      if (r[j] != 0) term = mul(term, pow_[pow_offset_[j] + r[j]], "value");
    }
    total = add(total, term, "value");
  }
  return total;
}

bool CompiledPoly::vanishes_at(std::size_t var, std::int64_t c) const {
  // Group the terms by their exponents in the other variables; the polynomial vanishes
  // identically exactly when every group's coefficients, weighted by c^e, sum to zero.
  const std::vector<std::uint64_t> keys = keys_except(var);
  std::vector<std::pair<std::uint64_t, Int128>> parts;
  parts.reserve(keys.size());
  for (std::size_t t = 0; t < keys.size(); ++t) {
    Int128 value = coefs_[t];
    for (int e = 0; e < row(t)[var]; ++e) value = mul<Int128>(value, c, "value");
    parts.emplace_back(keys[t], value);
  }
  std::sort(parts.begin(), parts.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  Int128 group_sum = 0;
  for (std::size_t k = 0; k < parts.size(); ++k) {
    group_sum = add(group_sum, parts[k].second, "value");
    if (k + 1 == parts.size() || parts[k].first != parts[k + 1].first) {
      if (group_sum != 0) return false;
      group_sum = 0;
    }
  }
  return true;
}

bool next_composition(std::vector<std::int64_t>& y) {
  // Move one unit from the last nonzero entry (ignoring the first) one place left and
  // gather the rest of that entry at the end: the smallest vector above y with its sum.
  std::size_t k = y.size();
  while (k > 1 && y[k - 1] == 0) --k;
  if (k <= 1) return false;
  const std::size_t last_nonzero = k - 1;
  const std::int64_t carried = y[last_nonzero] - 1;
  y[last_nonzero - 1] += 1;
  y[last_nonzero] = 0;
  y.back() += carried;
  return true;
}

}  // namespace kvcheck::sym::detail
