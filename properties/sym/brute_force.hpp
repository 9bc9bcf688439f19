// Brute force over small assignments, written independently of the library's search, to
// check its answers: every point up to a given excess, and the order counter-models minimise.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "kvcheck/sym/assignment.hpp"

namespace kvcheck::sym::testgen {

/// How far a is above the lower bounds of its symbols, in total.
inline std::int64_t excess(const Assignment& a) {
  std::int64_t sum = 0;
  for (const auto& [s, v] : a.values()) sum += v - s.lower_bound();
  return sum;
}

/// Every assignment of `vars` whose excess is at most max_excess.
inline std::vector<Assignment> points_up_to(const std::vector<Symbol>& vars,
                                            std::int64_t max_excess) {
  std::vector<Assignment> out;
  Assignment current;
  std::function<void(std::size_t, std::int64_t)> extend = [&](std::size_t i,
                                                               std::int64_t left) {
    if (i == vars.size()) {
      out.push_back(current);
      return;
    }
    for (std::int64_t y = 0; y <= left; ++y) {
      current.set(vars[i], vars[i].lower_bound() + y);
      extend(i + 1, left - y);
    }
  };
  extend(0, max_excess);
  return out;
}

/// The counter-model order on assignments of the same symbols: smaller total first, then
/// the smaller value at the first symbol (in symbol order) where they differ.
inline bool comes_before(const Assignment& a, const Assignment& b) {
  if (a.total() != b.total()) return a.total() < b.total();
  return a.values() < b.values();
}

}  // namespace kvcheck::sym::testgen
