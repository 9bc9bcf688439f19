// masked_fill_(self, mask, value): the shape rule of filling self where mask is true.
//   align mask with self at their last dims; require mask.rank <= self.rank
//   for each aligned pair: require mask[i] == self[j] or mask[i] == 1
//   result = self.shape   (the mask broadcasts to self; self never grows)
// Source of truth: torch.Tensor.masked_fill_ (PyTorch docs)
#include "kvcheck/shape/ops/masked_fill.hpp"

#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> masked_fill(const Shape<D>& self, const Shape<D>& mask) {
  const std::string op = "masked_fill_";
  auto self_text = [&] { return operand("self", self); };
  auto mask_text = [&] { return operand("mask", mask); };
  auto operands = [&] { return std::vector<std::string>{self_text(), mask_text()}; };
  if (auto e = check_broadcasts_to(op, operands, mask_text, mask, self_text, self)) {
    return unexpected(*e);
  }
  return self;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> masked_fill(const Shape<std::int64_t>&,
                                               const Shape<std::int64_t>&);
template ShapeResult<sym::Dim> masked_fill(const Shape<sym::Dim>&, const Shape<sym::Dim>&);

}  // namespace kvcheck::shape
