// Assignment: partial symbol -> value maps and their printing.
#include "kvcheck/sym/assignment.hpp"

#include <string>

namespace kvcheck::sym {

std::optional<std::int64_t> Assignment::get(Symbol s) const {
  auto it = values_.find(s);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::int64_t Assignment::get_or_lower_bound(Symbol s) const {
  auto v = get(s);
  return v ? *v : s.lower_bound();
}

std::int64_t Assignment::total() const {
  std::int64_t sum = 0;
  for (const auto& [s, v] : values_) sum += v;
  return sum;
}

std::string Assignment::to_string() const {
  std::string out;
  for (const auto& [s, v] : values_) {
    if (!out.empty()) out += ", ";
    out += s.name() + "=" + std::to_string(v);
  }
  auto g = get(symbols::group());
  auto k = get(symbols::n_kv_heads());
  if (g && k) out += " (n_heads=" + std::to_string(*g * *k) + ")";
  return out;
}

}  // namespace kvcheck::sym
