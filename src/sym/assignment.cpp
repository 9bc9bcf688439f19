// Assignment: partial symbol -> value maps and their printing.
#include "kvcheck/sym/assignment.hpp"

#include <string>

#include "checked.hpp"

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
  for (const auto& [s, v] : values_) sum = detail::add(sum, v, "assignment total");
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
  // Printing must not throw; a head count too large for int64 is simply left out.
  std::int64_t heads = 0;
  if (g && k && !__builtin_mul_overflow(*g, *k, &heads)) {
    out += " (n_heads=" + std::to_string(heads) + ")";
  }
  return out;
}

}  // namespace kvcheck::sym
