// linear(input, weight [out, in]): the shape rule of torch.nn.functional.linear.
//   require input.rank >= 1
//   require input.shape[-1] == in_features
//   result = input.shape[:-1] + [out_features]
// Source of truth: torch.nn.functional.linear (PyTorch docs)
#include "kvcheck/shape/ops/linear.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> linear(const Shape<D>& input, const D& in_features, const D& out_features) {
  const std::string op = "linear";
  const Shape<D> weight{out_features, in_features};
  const std::vector<std::string> operands{operand("input", input), operand("weight", weight)};
  if (auto e = check_min_rank(op, operands, operands[0], input, 1)) return unexpected(*e);

  const std::int64_t last = input.rank() - 1;
  const std::string what =
      operands[0] + " does not fit " + operands[1] + " at input dim " + std::to_string(last);
  if (auto e = check_equal(op, operands, what, input[last], in_features)) return unexpected(*e);

  Shape<D> out = input;
  out[last] = out_features;
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> linear(const Shape<std::int64_t>&, const std::int64_t&,
                                          const std::int64_t&);
template ShapeResult<sym::Dim> linear(const Shape<sym::Dim>&, const sym::Dim&, const sym::Dim&);

}  // namespace kvcheck::shape
