// transpose(self, dim0, dim1): the shape rule of torch.transpose.
//   d0, d1 = wrap(dim0), wrap(dim1)   (negative counts from the end; a 0-dim tensor
//                                      accepts 0 and -1 and stays 0-dim)
//   result = self.shape with result[d0], result[d1] = self[d1], self[d0]
// Source of truth: torch.transpose (PyTorch docs)
#include "kvcheck/shape/ops/transpose.hpp"

#include <utility>

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> transpose(const Shape<D>& self, std::int64_t dim0, std::int64_t dim1) {
  const std::string op = "transpose";
  auto self_text = [&] { return operand("self", self); };
  auto operands = [&] { return std::vector<std::string>{self_text()}; };
  auto d0 = wrap_dim(op, operands, self_text, self, dim0, /*scalar_as_vector=*/true);
  if (!d0) return unexpected(d0.error());
  auto d1 = wrap_dim(op, operands, self_text, self, dim1, /*scalar_as_vector=*/true);
  if (!d1) return unexpected(d1.error());
  Shape<D> out = self;
  // A 0-dim tensor has nothing to swap (both dims wrap to 0).
  if (self.rank() > 0) std::swap(out[*d0], out[*d1]);
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> transpose(const Shape<std::int64_t>&, std::int64_t,
                                             std::int64_t);
template ShapeResult<sym::Dim> transpose(const Shape<sym::Dim>&, std::int64_t, std::int64_t);

}  // namespace kvcheck::shape
