// softmax(self, dim): the shape rule of torch.softmax.
//   d = wrap(dim)   (negative counts from the end; a 0-dim tensor accepts 0 and -1)
//   result = self.shape   (normalises along d, shape unchanged)
// Source of truth: torch.nn.functional.softmax (PyTorch docs)
#include "kvcheck/shape/ops/softmax.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> softmax(const Shape<D>& self, std::int64_t dim) {
  const std::string op = "softmax";
  auto self_text = [&] { return operand("self", self); };
  auto operands = [&] { return std::vector<std::string>{self_text()}; };
  auto d = wrap_dim(op, operands, self_text, self, dim, /*scalar_as_vector=*/true);
  if (!d) return unexpected(d.error());
  return self;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> softmax(const Shape<std::int64_t>&, std::int64_t);
template ShapeResult<sym::Dim> softmax(const Shape<sym::Dim>&, std::int64_t);

}  // namespace kvcheck::shape
