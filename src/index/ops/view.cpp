// Index rule of Tensor.view / reshape / flatten / unflatten (contiguous row-major order).
//   flat = sum_k a_k * prod(size_{>k})       (the old axes merged)
//   new axis m reads (flat / prod(new_size_{>m})) % new_size_m
// Exact in the mixed-radix normal form: a reshape that splits an axis at a digit boundary
// (heads from head_dim) keeps the digits apart; one that does not align is Unknown.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult view_index(const Axes& x, const std::vector<sym::Dim>& sizes) {
  // Each view lineage is merged and split on its own. When the axes carry different
  // numbers of views (an attention output: heads read q, k and v, features only v), the
  // first view of each axis is the value's own lineage and the only one kept.
  std::size_t lineages = x.empty() ? 1 : x.front().views.size();
  for (const Axis& a : x) {
    if (a.views.size() != lineages) lineages = 1;
  }
  Axes out(sizes.size());
  for (std::size_t l = 0; l < lineages; ++l) {
    std::vector<AxisMap> pieces;
    for (const Axis& a : x) {
      if (a.views.empty()) return unexpected(IndexUnknown{"view: an axis reads nothing"});
      pieces.push_back(a.views.size() == lineages ? a.views[l] : a.views.front());
    }
    auto split = split_axis(merge_axes(pieces), sizes);
    if (!split) return unexpected(IndexUnknown{"view: " + split.error().reason});
    for (std::size_t k = 0; k < sizes.size(); ++k) out[k].views.push_back((*split)[k]);
  }
  return out;
}

}  // namespace kvcheck::index
