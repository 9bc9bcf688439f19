// repeat_interleave(self, repeats, dim): the shape rule of torch.repeat_interleave with one
// repeat count for every slice (how repeat_kv copies each kv head `group` times).
//   require self.rank >= 1; d = wrap(dim); require repeats >= 0
//   result = self.shape with result[d] = self.shape[d] * repeats
//   (values: slice i of the result is slice i / repeats of self)
// Source of truth: torch.repeat_interleave (PyTorch docs)
#include "kvcheck/shape/ops/repeat_interleave.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> repeat_interleave(const Shape<D>& self, const D& repeats, std::int64_t dim) {
  const std::string op = "repeat_interleave";
  auto self_text = [&] { return operand("self", self); };
  auto operands = [&] {
    return std::vector<std::string>{self_text(), "repeats " + DimOps<D>::str(repeats)};
  };
  if (auto e = check_min_rank(op, operands, self_text, self, 1)) return unexpected(*e);
  auto d = wrap_dim(op, operands, self_text, self, dim);
  if (!d) return unexpected(d.error());
  if (auto e = check_nonnegative(op, operands, "repeats is negative", repeats)) {
    return unexpected(*e);
  }
  Shape<D> out = self;
  out[*d] = self[*d] * repeats;
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> repeat_interleave(const Shape<std::int64_t>&,
                                                     const std::int64_t&, std::int64_t);
template ShapeResult<sym::Dim> repeat_interleave(const Shape<sym::Dim>&, const sym::Dim&,
                                                 std::int64_t);

}  // namespace kvcheck::shape
