// Index rule of Tensor.repeat(r_0, ..., r_{n-1}) (tiling).
//   out[.., i_k, ..] = x[.., i_k % size_k, ..]   i_k < size_k * r_k
// Extra leading repeats add new axes in front. Each axis gains a copy digit on its major
// side, so output head h reads head h % size: tiling, not interleaving.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult repeat_index(const Axes& x, const std::vector<sym::Dim>& repeats) {
  if (repeats.size() < x.size()) {
    return unexpected(IndexUnknown{"repeat: fewer repeats than dims"});
  }
  const std::size_t lineages = x.empty() ? 1 : x.front().views.size();
  Axes out;
  const std::size_t extra = repeats.size() - x.size();
  for (std::size_t k = 0; k < extra; ++k) {
    out.push_back(Axis{std::vector<AxisMap>(lineages, copy_axis(repeats[k]))});
  }
  for (std::size_t k = 0; k < x.size(); ++k) {
    Axis a = x[k];
    for (AxisMap& v : a.views) v = merge_axes({copy_axis(repeats[extra + k]), v});
    out.push_back(a);
  }
  return out;
}

}  // namespace kvcheck::index
