// DimOps for concrete and symbolic sizes, and dim-index normalisation.
#include "kvcheck/shape/dim_ops.hpp"

#include "kvcheck/shape/shape.hpp"

namespace kvcheck::shape {
namespace {

Obligation concrete(bool holds) {
  if (holds) return {sym::Truth::kProved, "", std::nullopt};
  return {sym::Truth::kRefuted, "always", std::nullopt};
}

}  // namespace

std::optional<std::int64_t> normalize_dim(std::int64_t dim, std::int64_t rank) {
  if (dim < -rank || dim >= rank) return std::nullopt;
  return dim < 0 ? dim + rank : dim;
}

Obligation DimOps<std::int64_t>::require_equal(std::int64_t a, std::int64_t b) {
  return concrete(a == b);
}

Obligation DimOps<std::int64_t>::require_at_most(std::int64_t a, std::int64_t b) {
  return concrete(a <= b);
}

std::optional<std::int64_t> DimOps<std::int64_t>::exact_div(std::int64_t a, std::int64_t b) {
  if (b == 0 || a % b != 0) return std::nullopt;
  return a / b;
}

Obligation DimOps<sym::Dim>::require_equal(const sym::Dim& a, const sym::Dim& b) {
  sym::Decision d = sym::decide_equal(a, b);
  if (d.proved()) return {sym::Truth::kProved, "", std::nullopt};
  return {sym::Truth::kRefuted, sym::nonzero_condition(a - b), d.witness};
}

Obligation DimOps<sym::Dim>::require_at_most(const sym::Dim& a, const sym::Dim& b) {
  const sym::Dim slack = b - a;
  sym::Decision d = sym::decide_nonnegative(slack);
  // A constant gap fails in every configuration; say so, as require_equal does.
  const std::string when =
      slack.constant_value() ? "always" : a.to_string() + " > " + b.to_string();
  switch (d.truth) {
    case sym::Truth::kProved:
      return {sym::Truth::kProved, "", std::nullopt};
    case sym::Truth::kRefuted:
      return {sym::Truth::kRefuted, when, d.witness};
    case sym::Truth::kUnknown:
      break;
  }
  return {sym::Truth::kUnknown, when, std::nullopt};
}

std::optional<sym::Dim> DimOps<sym::Dim>::exact_div(const sym::Dim& a, const sym::Dim& b) {
  return sym::exact_div(a, b);
}

}  // namespace kvcheck::shape
