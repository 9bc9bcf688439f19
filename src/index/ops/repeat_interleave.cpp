// Index rule of Tensor.repeat_interleave(repeats, dim) (and HF repeat_kv, which expands a
// new axis after the head axis and reshapes: the same interleaving).
//   out[.., i, ..] = x[.., i / repeats, ..]     i < size * repeats
// The axis gains a copy digit on its minor side, so output head h reads head h / repeats.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult repeat_interleave_index(const Axes& x, const sym::Dim& repeats, std::int64_t dim) {
  auto k = axis_index(x, dim, "repeat_interleave");
  if (!k) return unexpected(k.error());
  Axes out = x;
  for (AxisMap& v : out[*k].views) v = merge_axes({v, copy_axis(repeats)});
  return out;
}

}  // namespace kvcheck::index
