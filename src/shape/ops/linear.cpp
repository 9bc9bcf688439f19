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
  auto input_text = [&] { return operand("input", input); };
  auto weight_text = [&] { return operand("weight", weight); };
  auto operands = [&] { return std::vector<std::string>{input_text(), weight_text()}; };
  if (auto e = check_min_rank(op, operands, input_text, input, 1)) return unexpected(*e);

  const std::int64_t last = input.rank() - 1;
  auto what = [&] {
    return input_text() + " does not fit " + weight_text() + " at input dim " +
           std::to_string(last);
  };
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
