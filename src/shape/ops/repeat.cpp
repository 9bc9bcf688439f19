// repeat(self, repeats): the shape rule of torch.Tensor.repeat (tiling, NOT repeat_kv).
//   require len(repeats) >= self.rank and every repeats[i] >= 0
//   padded = [1] * (len(repeats) - self.rank) + self.shape   (new dims lead)
//   result[i] = padded[i] * repeats[i]
//   (values: slice i of the result is slice i % padded[d] of self along every dim d)
// Source of truth: torch.Tensor.repeat (PyTorch docs)
#include "kvcheck/shape/ops/repeat.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> repeat(const Shape<D>& self, const std::vector<D>& repeats) {
  const std::string op = "repeat";
  const Shape<D> repeats_shape(repeats);
  auto operands = [&] {
    return std::vector<std::string>{operand("self", self), operand("repeats", repeats_shape)};
  };
  const std::int64_t n = repeats_shape.rank();
  if (n < self.rank()) {
    return unexpected(
        structural_error<D>(op, operands,
                            operand("repeats", repeats_shape) + " has fewer entries than " +
                                operand("self", self) + " has dims",
                            std::to_string(n), "rank " + std::to_string(self.rank())));
  }
  const std::int64_t lead = n - self.rank();
  Shape<D> out;
  for (std::int64_t i = 0; i < n; ++i) {
    auto what = [&] { return "repeat at dim " + std::to_string(i) + " is negative"; };
    if (auto e = check_nonnegative(op, operands, what, repeats_shape[i])) return unexpected(*e);
    const D size = i < lead ? D(1) : self[i - lead];
    out.dims.push_back(size * repeats_shape[i]);
  }
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> repeat(const Shape<std::int64_t>&,
                                          const std::vector<std::int64_t>&);
template ShapeResult<sym::Dim> repeat(const Shape<sym::Dim>&, const std::vector<sym::Dim>&);

}  // namespace kvcheck::shape
