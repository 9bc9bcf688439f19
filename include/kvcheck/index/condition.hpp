// Condition: a set of configurations, as a union of clauses "p != 0" over the configuration
// symbols, with the smallest configuration in it and the set in words.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/sym/assignment.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::index {

/// The configurations where at least one clause polynomial is nonzero.
///
/// Canonical enough to compare by eye: no zero clause; a nonzero constant clause makes the
/// condition `always` (the single clause 1); a clause divisible by another is dropped (its
/// configurations are inside the other's). Intersection multiplies clauses pairwise, which is
/// exact because a product is nonzero exactly when every factor is.
class Condition {
 public:
  /// No configuration.
  static Condition never() { return Condition(); }
  /// Every configuration.
  static Condition always();
  /// The configurations where p != 0.
  static Condition nonzero(const sym::Dim& p);
  /// The configurations where a != b.
  static Condition unequal(const sym::Dim& a, const sym::Dim& b) { return nonzero(a - b); }

  friend Condition operator|(const Condition& a, const Condition& b);
  friend Condition operator&(const Condition& a, const Condition& b);

  bool is_never() const { return clauses_.empty(); }
  bool is_always() const;
  const std::vector<sym::Dim>& clauses() const { return clauses_; }

  /// "n_kv_heads >= 2 and group >= 2"; clauses joined with " or "; "never" / "always".
  std::string text() const;
  /// The smallest configuration in the set (smallest by sum over every symbol, unassigned
  /// ones at their lower bound, then lexicographic in symbol order); nullopt when never.
  std::optional<sym::Assignment> smallest() const;
  /// The condition after substituting `by` for `s` (e.g. group = 1 for the MHA reduction).
  Condition substitute(sym::Symbol s, const sym::Dim& by) const;

 private:
  void add(const sym::Dim& clause);
  std::vector<sym::Dim> clauses_;
};

/// True when `a` comes before `b` in counter-model order: smaller sum of every symbol's
/// value (unassigned symbols at their lower bound), then lexicographically in symbol order.
bool smaller_counter_model(const sym::Assignment& a, const sym::Assignment& b);

}  // namespace kvcheck::index
