// Index rule of Tensor.narrow(dim, start, length) and of a slice x[.., start:start+length].
//   out[.., i, ..] = x[.., start + i, ..]   i < length
// Exact for an axis that reads one source in order (a sequence or slot axis): the digit
// keeps its source with `length` elements from `start`. Which token a slot holds is the
// position layer's job, so only prefixes (start 0) of other axes are modelled.
#include "kvcheck/index/index_rules.hpp"

namespace kvcheck::index {

IndexResult narrow_index(const Axes& x, std::int64_t dim, const sym::Dim& start,
                         const sym::Dim& length) {
  auto k = axis_index(x, dim, "narrow");
  if (!k) return unexpected(k.error());
  Axes out = x;
  for (AxisMap& v : out[*k].views) {
    const AxisMap n = v.normalized();
    if (n.digits.empty() && length == sym::Dim(1)) continue;
    if (n.digits.size() != 1 || !(n.digits.front().lower == sym::Dim(1))) {
      return unexpected(IndexUnknown{"narrow: axis " + n.to_string() +
                                     " is not one source in order"});
    }
    if (!start.is_zero() && !n.digits.front().is_copy() &&
        n.digits.front().source != "seq" && n.digits.front().source != "slot") {
      return unexpected(IndexUnknown{"narrow: a range from " + start.to_string() + " of " +
                                     n.to_string()});
    }
    v = AxisMap{{Digit{n.digits.front().source, sym::Dim(1), length}}}.normalized();
  }
  return out;
}

}  // namespace kvcheck::index
