// Index rules of Tensor.transpose and Tensor.permute.
//   transpose(d0, d1): out[.., i, .., j, ..] = x[.., j, .., i, ..]
//   permute(p):        out axis k is x axis p[k]
// Axes move; what each axis reads does not change.
#include <algorithm>

#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult transpose_index(const Axes& x, std::int64_t d0, std::int64_t d1) {
  auto a = axis_index(x, d0, "transpose");
  if (!a) return unexpected(a.error());
  auto b = axis_index(x, d1, "transpose");
  if (!b) return unexpected(b.error());
  Axes out = x;
  std::swap(out[*a], out[*b]);
  return out;
}

IndexResult permute_index(const Axes& x, const std::vector<std::int64_t>& dims) {
  if (dims.size() != x.size()) {
    return unexpected(IndexUnknown{"permute: " + std::to_string(dims.size()) +
                                   " dims for rank " + std::to_string(x.size())});
  }
  Axes out;
  std::vector<bool> used(x.size(), false);
  for (const std::int64_t d : dims) {
    auto k = axis_index(x, d, "permute");
    if (!k) return unexpected(k.error());
    if (used[*k]) return unexpected(IndexUnknown{"permute: dim " + std::to_string(d) + " twice"});
    used[*k] = true;
    out.push_back(x[*k]);
  }
  return out;
}

}  // namespace kvcheck::index
