// Index rule of torch.cat(tensors, dim).
//   out[.., i, ..] = t_m[.., i - offset_m, ..]   for the part m whose range holds i
// Modelled exactly when, on dim, every part reads one sequence-like source in order (the
// KV cache pattern cat([past_k, k], dim=seq): slots then new tokens); every other axis must
// read the same in all parts.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult cat_index(const std::vector<Axes>& parts, std::int64_t dim) {
  if (parts.empty()) return unexpected(IndexUnknown{"cat: no tensors"});
  auto k = axis_index(parts.front(), dim, "cat");
  if (!k) return unexpected(k.error());
  Axes out = parts.front();
  sym::Dim total(0);
  std::string source;
  for (const Axes& p : parts) {
    if (p.size() != out.size()) return unexpected(IndexUnknown{"cat: ranks differ"});
    for (std::size_t a = 0; a < p.size(); ++a) {
      if (a != *k && !(p[a].views == out[a].views)) {
        return unexpected(IndexUnknown{"cat: parts read different sources on dim " +
                                       std::to_string(a)});
      }
    }
    const AxisMap v = p[*k].views.empty() ? AxisMap{} : p[*k].views.front().normalized();
    if (v.digits.size() != 1 || !(v.digits.front().lower == sym::Dim(1))) {
      return unexpected(IndexUnknown{"cat: part axis " + v.to_string() + " is not one source"});
    }
    if (!source.empty() && v.digits.front().source != source) {
      return unexpected(IndexUnknown{"cat: parts read " + source + " and " +
                                     v.digits.front().source});
    }
    source = v.digits.front().source;
    total += v.digits.front().extent;
  }
  out[*k] = single(source_axis(source.empty() ? "cat" : source, total));
  return out;
}

}  // namespace kvcheck::index
