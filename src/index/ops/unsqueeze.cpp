// Index rule of Tensor.unsqueeze(dim) and of indexing with None.
//   out[.., 0, ..] = x[.., ..]   (a new axis of one element at dim)
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult unsqueeze_index(const Axes& x, std::int64_t dim) {
  const auto rank = static_cast<std::int64_t>(x.size()) + 1;
  const std::int64_t d = dim < 0 ? dim + rank : dim;
  if (d < 0 || d >= rank) {
    return unexpected(IndexUnknown{"unsqueeze: dim " + std::to_string(dim) +
                                   " out of range for rank " + std::to_string(rank - 1)});
  }
  const std::size_t lineages = x.empty() ? 1 : x.front().views.size();
  Axes out = x;
  out.insert(out.begin() + d, Axis{std::vector<AxisMap>(lineages, AxisMap{})});
  return out;
}

}  // namespace kvcheck::index
