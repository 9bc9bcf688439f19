// to_torch and compare.
#include "torch_tensors.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace kvcheck::torch_test {

at::Tensor to_torch(const interp::Tensor<double>& t) {
  at::Tensor out = at::empty(t.shape(), at::TensorOptions().dtype(at::kDouble));
  std::copy_n(t.data().data(), t.numel(), out.data_ptr<double>());
  return out;
}

bool TensorGap::within_tolerance() const {
  // Written so that a NaN gap fails.
  return same_shape && max_abs_diff <= kRelativeTolerance * scale;
}

std::string TensorGap::describe() const {
  if (!same_shape) return "the shapes differ";
  std::ostringstream out;
  out << "max |kvcheck - libtorch| = " << max_abs_diff << " against a tolerance of "
      << kRelativeTolerance * scale;
  return out.str();
}

TensorGap compare(const interp::Tensor<double>& expected, const at::Tensor& actual) {
  TensorGap gap;
  const at::Tensor want = to_torch(expected);
  gap.same_shape = want.sizes() == actual.sizes();
  if (!gap.same_shape || want.numel() == 0) return gap;
  const at::Tensor got = actual.to(at::kDouble);
  const at::Tensor agree = want.eq(got).logical_or(want.isnan().logical_and(got.isnan()));
  gap.max_abs_diff = (want - got).abs().masked_fill(agree, 0.0).max().item<double>();
  const at::Tensor finite = want.isfinite();
  if (finite.any().item<bool>()) {
    gap.scale = std::max(1.0, want.masked_select(finite).abs().max().item<double>());
  }
  return gap;
}

std::string sizes_text(const at::Tensor& t) {
  std::ostringstream out;
  out << t.sizes();
  return out.str();
}

}  // namespace kvcheck::torch_test
