// One case of the shape-rule differential: what libtorch did with a call, and the check that
// kvcheck's rule agrees with it (accepts exactly when libtorch does not throw, with the same
// result shape).
#pragma once

#include <ATen/ATen.h>

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <utility>

#include "fixed_seed_check.hpp"
#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"
#include "shape_draws.hpp"

namespace kvcheck::torch_test {

using IShape = shape::Shape<std::int64_t>;
using RuleResult = shape::ShapeResult<std::int64_t>;

/// What libtorch did with one call: the result's sizes, or the message of the error it
/// raised. Only libtorch's own errors count as refusals (anything else propagates): c10::Error
/// and std::runtime_error, which 1.13's size inference for view and reshape raises instead.
struct TorchOutcome {
  std::optional<Sizes> sizes;
  std::string error;
};

/// Runs `call` (returning an at::Tensor) and records its outcome.
template <class Call>
TorchOutcome run_torch(Call&& call) {
  try {
    const at::Tensor result = std::forward<Call>(call)();
    return {result.sizes().vec(), ""};
  } catch (const c10::Error& e) {
    return {std::nullopt, e.what_without_backtrace()};
  } catch (const std::runtime_error& e) {
    return {std::nullopt, e.what()};
  }
}

/// A float tensor of zeros: a shape rule never looks at values.
at::Tensor zeros(const Sizes& sizes);
/// A bool tensor of `sizes` (all false), for masks.
at::Tensor bool_zeros(const Sizes& sizes);

IShape to_shape(const Sizes& sizes);

/// RC_ASSERTs that `rule` accepts exactly when `torch` does, and that both give the same
/// shape when they do; `call` (e.g. "narrow(self [2, 3], dim 1, start -1, length 1)") names
/// the case in the failure. Counts the case as accepted or rejected.
void expect_agreement(const std::string& call, const RuleResult& rule, const TorchOutcome& torch,
                      Tally& tally);

/// For a case known_disagreements.hpp describes: RC_ASSERTs that it still goes as reported
/// (libtorch accepts, the rule rejects), so a change on either side shows, and counts it.
void expect_known_disagreement(const std::string& call, const RuleResult& rule,
                               const TorchOutcome& torch, Tally& tally);

/// expect_known_disagreement when `known` (the case's known_disagreements.hpp predicate
/// holds), else expect_agreement.
void expect_as_known(bool known, const std::string& call, const RuleResult& rule,
                     const TorchOutcome& torch, Tally& tally);

}  // namespace kvcheck::torch_test
