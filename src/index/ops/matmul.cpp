// Index rule of torch.matmul(a, b) for operands of rank >= 2.
//   out[..., i, j] = sum_k a[...', i, k] * b[...'', k, j]
// Batch axes broadcast (a one-element axis stretches) and the result axis reads both
// operands: it carries a's views and b's. Rows read a's row axis, columns b's column axis.
#include <algorithm>

#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {
namespace {

/// Batch axis k (from the right) of x stretched to `extent`, or nothing when x has no such axis.
std::vector<AxisMap> batch_views(const Axes& x, std::size_t from_right, const sym::Dim& extent) {
  if (x.size() < 2 + from_right + 1) return {};
  const Axis& a = x[x.size() - 3 - from_right];
  std::vector<AxisMap> out;
  for (const AxisMap& v : a.views) out.push_back(broadcast_axis(v, extent));
  return out;
}

}  // namespace

IndexResult matmul_index(const Axes& a, const Axes& b) {
  if (a.size() < 2 || b.size() < 2) {
    return unexpected(IndexUnknown{"matmul: 1-D operands are not modelled"});
  }
  const std::size_t batch = std::max(a.size(), b.size()) - 2;
  Axes out(batch + 2);
  for (std::size_t r = 0; r < batch; ++r) {
    // The result extent is the larger side where one side is 1; take a's unless it is
    // missing, then b's: both are right wherever the shape rule holds.
    const bool in_a = a.size() >= 3 + r;
    const bool in_b = b.size() >= 3 + r;
    sym::Dim extent = in_a ? a[a.size() - 3 - r].extent() : b[b.size() - 3 - r].extent();
    if (in_a && in_b && extent == sym::Dim(1)) extent = b[b.size() - 3 - r].extent();
    Axis& axis = out[batch - 1 - r];
    for (auto& v : batch_views(a, r, extent)) axis.views.push_back(v);
    for (auto& v : batch_views(b, r, extent)) axis.views.push_back(v);
  }
  out[batch] = a[a.size() - 2];
  out[batch + 1] = b[b.size() - 1];
  return out;
}

}  // namespace kvcheck::index
