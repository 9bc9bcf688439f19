// narrow(self, dim, start, length): the shape rule of torch.narrow (how a cache is read).
//   require self.rank >= 1; d = wrap(dim); require length >= 0
//   if start < 0: require -self[d] <= start; start += self[d]   (counts from the end)
//   require start + length <= self.shape[d]
//   result = self.shape with result[d] = length
// Source of truth: torch.narrow (PyTorch docs)
#include "kvcheck/shape/ops/narrow.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> narrow(const Shape<D>& self, std::int64_t dim, const D& start, const D& length) {
  const std::string op = "narrow";
  auto self_text = [&] { return operand("self", self); };
  auto operands = [&] { return std::vector<std::string>{self_text()}; };
  if (auto e = check_min_rank(op, operands, self_text, self, 1)) return unexpected(*e);
  auto d = wrap_dim(op, operands, self_text, self, dim);
  if (!d) return unexpected(d.error());
  const D& size = self[*d];
  auto at = [&] { return " at dim " + std::to_string(*d); };

  auto negative = [&] { return "length is negative for " + self_text() + at(); };
  if (auto e = check_nonnegative(op, operands, negative, length)) return unexpected(*e);
  D begin = start;
  const auto start_constant = DimOps<D>::constant(start);
  if (start_constant && *start_constant < 0) {
    const D from_end = D(0) - start;
    auto what = [&] {
      return "start " + DimOps<D>::str(start) + " reaches before " + self_text() + at();
    };
    if (auto e = check_at_most(op, operands, what, from_end, size)) return unexpected(*e);
    begin = size + start;
  }
  auto what = [&] { return "start + length exceeds " + self_text() + at(); };
  if (auto e = check_at_most(op, operands, what, begin + length, size)) return unexpected(*e);

  Shape<D> out = self;
  out[*d] = length;
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> narrow(const Shape<std::int64_t>&, std::int64_t,
                                          const std::int64_t&, const std::int64_t&);
template ShapeResult<sym::Dim> narrow(const Shape<sym::Dim>&, std::int64_t, const sym::Dim&,
                                      const sym::Dim&);

}  // namespace kvcheck::shape
