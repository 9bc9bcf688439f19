// The registry of index rules and the helpers every rule shares.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

sym::Dim Axis::extent() const { return views.empty() ? sym::Dim(1) : views.front().extent(); }

const AxisMap* Axis::view_reading(const std::string& source) const {
  for (const AxisMap& v : views) {
    for (const Digit& d : v.digits) {
      if (d.source == source) return &v;
    }
  }
  return nullptr;
}

Axis single(const AxisMap& view) { return Axis{{view.normalized()}}; }

std::string axes_to_string(const Axes& axes) {
  std::string out;
  for (const Axis& a : axes) {
    std::string views;
    for (const AxisMap& v : a.views) views += (views.empty() ? "" : " | ") + v.to_string();
    out += (out.empty() ? "" : " ") + views;
  }
  return out;
}

Result<std::size_t, IndexUnknown> axis_index(const Axes& x, std::int64_t dim, const char* op) {
  const auto rank = static_cast<std::int64_t>(x.size());
  const std::int64_t d = dim < 0 ? dim + rank : dim;
  if (d < 0 || d >= rank) {
    return unexpected(IndexUnknown{std::string(op) + ": dim " + std::to_string(dim) +
                                   " out of range for rank " + std::to_string(rank)});
  }
  return static_cast<std::size_t>(d);
}

const std::vector<IndexRuleInfo>& index_rule_registry() {
  static const std::vector<IndexRuleInfo> rules = {
      {"linear", "out[..., o] reads weight row o: a fresh source of out_features"},
      {"view", "axes merged into one mixed-radix index, then split into the new sizes"},
      {"transpose", "two axes swap places"},
      {"permute", "axes reordered"},
      {"repeat_interleave", "out[i] = x[i / repeats] along dim: a copy digit after the axis"},
      {"repeat", "out[i] = x[i % size] along each dim: a copy digit before the axis"},
      {"unsqueeze", "a new axis of one element"},
      {"expand", "a one-element axis becomes a copy digit of the new size"},
      {"narrow", "out[i] = x[start + i] along dim"},
      {"cat", "consecutive ranges of one source, in order"},
      {"index_copy_", "written elements read source on every axis but dim"},
      {"matmul", "batch axes broadcast and pair both operands; rows from a, columns from b"},
      {"scaled_dot_product_attention",
       "q pairs with k and v on batch axes; enable_gqa repeats kv heads interleaved"},
  };
  return rules;
}

}  // namespace kvcheck::index
