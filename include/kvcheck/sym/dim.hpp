// Dim: an exact integer polynomial over dimension symbols, kept in one canonical form so
// that two dims are equal for every configuration exactly when they are equal as values.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/sym/assignment.hpp"
#include "kvcheck/sym/symbol.hpp"

namespace kvcheck::sym {

/// A product of symbol powers, e.g. batch * n_kv_heads^2. Canonical: factors sorted by symbol,
/// each exponent >= 1, no symbol twice. The empty monomial is the constant 1.
class Monomial {
 public:
  Monomial() = default;
  explicit Monomial(Symbol s, std::uint16_t exponent = 1);

  /// Degree of `s` in this monomial (0 when absent).
  std::uint16_t exponent(Symbol s) const;
  /// Sum of the exponents.
  int degree() const { return degree_; }
  bool is_constant() const { return factors_.empty(); }
  const std::vector<std::pair<Symbol, std::uint16_t>>& factors() const { return factors_; }

  friend Monomial operator*(const Monomial& a, const Monomial& b);
  /// a / b when b divides a, otherwise nullopt.
  friend std::optional<Monomial> divide(const Monomial& a, const Monomial& b);
  /// The greatest common divisor: the minimum exponent of each shared symbol.
  friend Monomial gcd(const Monomial& a, const Monomial& b);

  friend bool operator==(const Monomial&, const Monomial&) = default;
  /// Graded order: higher total degree first, then lexicographic by symbol. Fixes the
  /// canonical term order and printing order (constants last).
  friend bool operator<(const Monomial& a, const Monomial& b);

  /// "batch*n_heads*head_dim": group*n_kv_heads pairs print as n_heads; "1" when constant.
  std::string to_string() const;

 private:
  std::vector<std::pair<Symbol, std::uint16_t>> factors_;
  int degree_ = 0;  ///< cached: the term order compares degrees first, on every comparison
};

/// An integer polynomial in the dimension symbols.
///
/// Invariant (see `check_invariant`): no term has a zero coefficient,
/// so the zero polynomial has no terms and equality of values is equality of term maps.
/// Arithmetic is exact; a coefficient overflowing int64 throws std::overflow_error (an
/// internal error: real shapes never come near it).
class Dim {
 public:
  Dim() = default;  ///< zero
  Dim(std::int64_t constant);  // NOLINT: dims mix with integer literals by design
  Dim(Symbol s);               // NOLINT
  /// Shorthand for Dim(Symbol::named(name)).
  static Dim var(std::string_view name) { return Dim(Symbol::named(name)); }
  /// n_heads = group * n_kv_heads, the only way n_heads exists symbolically.
  static Dim n_heads();

  bool is_zero() const { return terms_.empty(); }
  /// The value when the polynomial has no symbols.
  std::optional<std::int64_t> constant_value() const;
  /// Total degree (0 for constants and for zero).
  int degree() const;
  /// Highest exponent of `s` in any term.
  int degree_in(Symbol s) const;
  /// Symbols with a nonzero coefficient somewhere, in symbol order.
  std::vector<Symbol> symbols() const;
  const std::map<Monomial, std::int64_t>& terms() const { return terms_; }

  friend Dim operator+(const Dim& a, const Dim& b);
  friend Dim operator-(const Dim& a, const Dim& b);
  friend Dim operator-(const Dim& a);
  friend Dim operator*(const Dim& a, const Dim& b);
  Dim& operator+=(const Dim& b);
  Dim& operator-=(const Dim& b);
  Dim& operator*=(const Dim& b) { return *this = *this * b; }

  /// Exact polynomial division: the q with a == q * b, or nullopt when b does not divide a
  /// (or b is zero). Decided by multivariate division with remainder in the graded order.
  friend std::optional<Dim> exact_div(const Dim& a, const Dim& b);
  /// floor(a / b) for dims, defined only where it is exact for every configuration (then it
  /// equals exact_div); anything else is an error naming both sides, because a quotient that
  /// depends on the configuration cannot be a polynomial.
  friend Result<Dim> floor_div(const Dim& a, const Dim& b);

  /// Value under `values`; nullopt when a symbol it uses is unassigned. Exact: throws
  /// std::overflow_error only when the value does not fit int64 (or one term exceeds 128 bits).
  std::optional<std::int64_t> evaluate(const Assignment& values) const;
  /// Replaces every occurrence of `s` by `by`, simultaneously (so `x -> x + 1` is fine).
  Dim substitute(Symbol s, const Dim& by) const;

  /// Structural equality of canonical forms, i.e. equality for every configuration.
  friend bool operator==(const Dim& a, const Dim& b) = default;

  /// Canonical text: terms in graded order, "n_heads" for group*n_kv_heads, e.g.
  /// "prompt_len + decode_steps + 1", "2*n_heads*head_dim", "-group + 1".
  std::string to_string() const;

  /// True when the canonical-form invariant holds (no zero coefficient, factors sorted,
  /// exponents positive); tests and properties check it after every operation.
  bool check_invariant() const;

 private:
  /// Adds (or subtracts) c * m, dropping the term when its coefficient cancels to zero.
  void add_term(const Monomial& m, std::int64_t c, bool subtract = false);
  std::map<Monomial, std::int64_t> terms_;
};

std::optional<Dim> exact_div(const Dim& a, const Dim& b);
Result<Dim> floor_div(const Dim& a, const Dim& b);

/// A positive common divisor of p's coefficients: their gcd (0 for the zero polynomial),
/// except that 2^63 (every coefficient INT64_MIN) does not fit int64 and is halved.
std::int64_t coefficient_content(const Dim& p);
/// The greatest monomial dividing every term of p (the constant 1 for zero or constants).
Monomial monomial_content(const Dim& p);
/// The monomial as a polynomial with coefficient 1.
Dim to_dim(const Monomial& m);
std::optional<Monomial> divide(const Monomial& a, const Monomial& b);
Monomial gcd(const Monomial& a, const Monomial& b);

}  // namespace kvcheck::sym
