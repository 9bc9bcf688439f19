// Index rule of F.scaled_dot_product_attention(q, k, v, enable_gqa).
//   out[b, h, i, :] = sum_j softmax_j(q[b, h, i] . k[b, g(h), j]) v[b, g(h), j]
//   g(h) = h / (Hq / Hkv) with enable_gqa (k and v repeat_interleave'd up to Hq), else the
//   broadcast of matmul.
// Batch axes carry q's, k's and v's views; rows read q's rows, features v's features.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult scaled_dot_product_attention_index(const Axes& q, const Axes& k, const Axes& v,
                                               bool enable_gqa) {
  if (q.size() < 2 || k.size() != q.size() || v.size() != q.size()) {
    return unexpected(IndexUnknown{"scaled_dot_product_attention: ranks differ"});
  }
  const std::size_t rank = q.size();
  Axes out(rank);
  for (std::size_t d = 0; d + 2 < rank; ++d) {
    const sym::Dim extent = q[d].extent();
    out[d].views = q[d].views;
    const bool heads = d + 3 == rank;
    for (const Axes* kv : {&k, &v}) {
      for (const AxisMap& view : (*kv)[d].views) {
        AxisMap stretched = view;
        const auto copies = sym::exact_div(extent, view.extent());
        if (enable_gqa && heads && copies) {
          stretched = merge_axes({view, copy_axis(*copies)});
        } else {
          stretched = broadcast_axis(view, extent);
        }
        out[d].views.push_back(stretched);
      }
    }
  }
  out[rank - 2] = q[rank - 2];
  out[rank - 1] = v[rank - 1];
  return out;
}

}  // namespace kvcheck::index
