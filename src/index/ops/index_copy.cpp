// Index rule of Tensor.index_copy_(dim, index, source) (and of cache[:, a:b] = source).
//   self[.., index[i], ..] = source[.., i, ..]
// The written elements read `source` on every axis but `dim`; on `dim` self keeps its slot
// axis (the position layer records which token each slot holds).
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult index_copy_index(const Axes& self, std::int64_t dim, const Axes& source) {
  auto k = axis_index(self, dim, "index_copy_");
  if (!k) return unexpected(k.error());
  if (source.size() != self.size()) {
    return unexpected(IndexUnknown{"index_copy_: ranks differ"});
  }
  Axes out = source;
  out[*k] = self[*k];
  return out;
}

}  // namespace kvcheck::index
