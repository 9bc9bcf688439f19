// Assignment: integer values for some symbols, used to evaluate polynomials and to report
// counter-models ("group=2, n_kv_heads=1").
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "kvcheck/sym/symbol.hpp"

namespace kvcheck::sym {

/// A partial map from symbols to values, ordered by symbol order.
class Assignment {
 public:
  Assignment() = default;
  Assignment(std::initializer_list<std::pair<const Symbol, std::int64_t>> values)
      : values_(values) {}

  void set(Symbol s, std::int64_t v) { values_[s] = v; }
  std::optional<std::int64_t> get(Symbol s) const;
  /// The value of `s`, or its lower bound when unassigned ("all other symbols minimal").
  std::int64_t get_or_lower_bound(Symbol s) const;
  bool contains(Symbol s) const { return values_.count(s) != 0; }
  std::size_t size() const { return values_.size(); }
  bool empty() const { return values_.empty(); }
  /// Sum of the assigned values: the first key of counter-model minimality. Throws
  /// std::overflow_error when the sum does not fit int64.
  std::int64_t total() const;

  const std::map<Symbol, std::int64_t>& values() const { return values_; }
  friend bool operator==(const Assignment&, const Assignment&) = default;

  /// "n_kv_heads=1, group=2 (n_heads=2)": symbol order; n_heads appended when both of its
  /// factors are assigned (and their product fits int64), since that is the number users know.
  std::string to_string() const;

 private:
  std::map<Symbol, std::int64_t> values_;
};

}  // namespace kvcheck::sym
