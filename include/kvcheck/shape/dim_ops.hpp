// DimOps<D>: what a shape rule needs from a dimension type: printing, deciding that two
// sizes are equal (or one at most another), and exact division. Concrete sizes answer
// Proved/Refuted at once; symbolic ones decide for every configuration and, when a claim
// can fail, say when and give the smallest configuration where it does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "kvcheck/sym/decide.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

/// One obligation a rule discharges, e.g. "source dim 2 == self dim 2".
struct Obligation {
  sym::Truth truth = sym::Truth::kUnknown;
  /// When it fails: "always" for concrete sizes, "group >= 2" for symbolic ones.
  std::string condition;
  /// Symbolic only: the smallest configuration where it fails.
  std::optional<sym::Assignment> smallest;

  bool holds() const { return truth == sym::Truth::kProved; }
};

template <class D>
struct DimOps;

template <>
struct DimOps<std::int64_t> {
  static std::string str(std::int64_t d) { return std::to_string(d); }
  static Obligation require_equal(std::int64_t a, std::int64_t b);
  /// a <= b.
  static Obligation require_at_most(std::int64_t a, std::int64_t b);
  /// a / b when exact.
  static std::optional<std::int64_t> exact_div(std::int64_t a, std::int64_t b);
  static std::optional<std::int64_t> constant(std::int64_t d) { return d; }
};

template <>
struct DimOps<sym::Dim> {
  static std::string str(const sym::Dim& d) { return d.to_string(); }
  static Obligation require_equal(const sym::Dim& a, const sym::Dim& b);
  /// a <= b for every configuration; Unknown when no certificate or witness is found.
  static Obligation require_at_most(const sym::Dim& a, const sym::Dim& b);
  static std::optional<sym::Dim> exact_div(const sym::Dim& a, const sym::Dim& b);
  static std::optional<std::int64_t> constant(const sym::Dim& d) { return d.constant_value(); }
};

}  // namespace kvcheck::shape
