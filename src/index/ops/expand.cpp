// Index rule of Tensor.expand(sizes).
//   out[.., i, ..] = x[.., 0, ..]  where x's axis has one element and sizes[k] = n
//   out[.., i, ..] = x[.., i, ..]  where sizes[k] is -1 or the axis' own size
// New leading sizes add copy axes in front.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult expand_index(const Axes& x, const std::vector<std::optional<sym::Dim>>& sizes) {
  if (sizes.size() < x.size()) return unexpected(IndexUnknown{"expand: fewer sizes than dims"});
  const std::size_t lineages = x.empty() ? 1 : x.front().views.size();
  const std::size_t extra = sizes.size() - x.size();
  Axes out;
  for (std::size_t k = 0; k < sizes.size(); ++k) {
    if (k < extra) {
      if (!sizes[k]) return unexpected(IndexUnknown{"expand: -1 for a new dim"});
      out.push_back(Axis{std::vector<AxisMap>(lineages, copy_axis(*sizes[k]))});
      continue;
    }
    Axis a = x[k - extra];
    if (sizes[k] && !(*sizes[k] == a.extent())) {
      if (!(a.extent() == sym::Dim(1))) {
        return unexpected(IndexUnknown{"expand: axis of " + a.extent().to_string() +
                                       " elements to " + sizes[k]->to_string()});
      }
      for (AxisMap& v : a.views) v = copy_axis(*sizes[k]);
    }
    out.push_back(a);
  }
  return out;
}

}  // namespace kvcheck::index
