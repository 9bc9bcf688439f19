// Between kvcheck's numeric tensors and libtorch's: copying one into the other, and how far
// apart two results are.
#pragma once

#include <ATen/ATen.h>

#include <string>

#include "kvcheck/interp/tensor.hpp"

namespace kvcheck::torch_test {

/// Both sides hold float64 values at most a few ulps apart after the short products, sums
/// and exps of these sizes; 1e-12 of the largest magnitude (at least 1) is thousands of
/// times that, and far below any real difference (a wrong head, a missing mask).
inline constexpr double kRelativeTolerance = 1e-12;

/// A float64 copy of `t`: both are contiguous and row-major, outermost dim first.
at::Tensor to_torch(const interp::Tensor<double>& t);

/// How `actual` (libtorch) compares with `expected` (kvcheck's interpreter).
struct TensorGap {
  bool same_shape = false;
  /// Largest |expected - actual| over entries that differ (equal infinities, as in masked
  /// scores, do not); NaN where only one side is NaN.
  double max_abs_diff = 0;
  /// Largest finite |expected|, at least 1: what the tolerance is relative to.
  double scale = 1;

  /// Same shape and max_abs_diff <= kRelativeTolerance * scale.
  bool within_tolerance() const;
  std::string describe() const;
};

TensorGap compare(const interp::Tensor<double>& expected, const at::Tensor& actual);

/// "[1, 3, 2, 4]".
std::string sizes_text(const at::Tensor& t);

}  // namespace kvcheck::torch_test
