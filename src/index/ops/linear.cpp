// Index rule of F.linear.
//   out[..., o] = sum_i x[..., i] * weight[o, i]
// Every element of the last axis is a new value, the weight's output feature o; the other
// axes keep what they read.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult linear_index(const Axes& x, const std::string& weight, const sym::Dim& out_features) {
  if (x.empty()) return unexpected(IndexUnknown{"linear: a scalar input"});
  Axes out = x;
  out.back() = single(source_axis(weight + ".out", out_features));
  return out;
}

}  // namespace kvcheck::index
