// Decisions about dims for every configuration: equality (always decidable, by normal form),
// the smallest configuration that separates two dims, and non-negativity (sometimes Unknown).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/sym/assignment.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym {

/// Three-valued answer. Unknown is never collapsed into Refuted.
enum class Truth { kProved, kRefuted, kUnknown };

/// The outcome of deciding one claim for all configurations.
struct Decision {
  Truth truth = Truth::kUnknown;
  /// For kRefuted: the smallest assignment (of the claim's symbols) where the claim fails.
  std::optional<Assignment> witness;

  bool proved() const { return truth == Truth::kProved; }
  bool refuted() const { return truth == Truth::kRefuted; }
};

/// True when p and q are equal for every assignment of positive values (lower bounds
/// respected): exactly when their canonical forms coincide.
bool equal_for_all(const Dim& p, const Dim& q);

/// The smallest assignment of the symbols of p - q where p and q differ: smallest by sum
/// of values, then lexicographically in symbol order; nullopt when p == q everywhere.
/// Exact and bounded: a nonzero polynomial of degree d_i in x_i has a non-root in
/// the box prod {lb_i .. lb_i + d_i}, so the search stops at total sum(d_i) above the bounds.
/// Values x_i = c where (x_i - c) divides p - q (c = lb_i, lb_i + 1, ...) are skipped without
/// evaluation, so "fails when every one of k sizes is >= 2" costs one evaluation, not
/// C(2k, k). Throws std::overflow_error if a value met exceeds 128 bits (degrees far beyond
/// any shape).
std::optional<Assignment> smallest_counter_model(const Dim& p, const Dim& q);

/// Decides p == q: Proved, or Refuted with the smallest counter-model.
Decision decide_equal(const Dim& p, const Dim& q);

/// How many points decide_nonnegative evaluates at most before answering Unknown.
inline constexpr std::int64_t kNonnegativeSearchBudget = 200000;

/// Decides p >= 0 for every configuration. Proved when, after shifting each symbol to
/// lb + y with y >= 0, every coefficient is non-negative (a sufficient certificate);
/// Refuted with the smallest negative point (by sum, then lexicographically) among those
/// whose excess over the bounds is at most sum(deg_i + 1), which covers the box of side
/// deg_i + 2, when found within kNonnegativeSearchBudget points; otherwise Unknown.
Decision decide_nonnegative(const Dim& p);

/// Decides "b divides a" for every configuration: Proved when the polynomial division is
/// exact; Refuted with the smallest assignment (by sum, then symbol order) of the symbols of
/// a and b where b is 0 or does not divide a's value, searched up to a total excess of
/// 2 + sum(deg_a + deg_b + 1) above the bounds, within kNonnegativeSearchBudget points; otherwise
/// Unknown (e.g. x*(x+1) by 2, which divides everywhere without dividing as polynomials).
Decision decide_divisible(const Dim& a, const Dim& b);

/// A readable condition under which `p != 0`, e.g. "group >= 2" for n_kv_heads*(group - 1),
/// "always" when p is a nonzero constant or a product of never-zero factors, "never" for zero.
/// Factors are split off where they are easy to see: monomials and the coefficients' gcd,
/// and linear factors x - c for runs of c from x's lower bound up ("group >= 3" for
/// (group - 1)*(group - 2)). A remaining linear factor in one symbol gives "x != c"; any other
/// remainder that is not provably >= 1 or <= -1 is stated as "<poly> != 0". Conditions are
/// joined with " and ": the split-off ones in symbol order, then the remainder's. Throws
/// std::overflow_error only for coefficients near the int64 limits.
std::string nonzero_condition(const Dim& p);

}  // namespace kvcheck::sym
