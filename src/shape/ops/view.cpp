// view(self, sizes): the shape rule of torch.Tensor.view (reshape shares it).
//   require every given size >= 0; at most one size is -1 (here: the index `inferred`)
//   known = product of the given sizes other than the -1
//   if there is a -1: require known divides self.numel(); sizes[-1 index] = numel / known
//   else: require product(sizes) == self.numel()
//   result = sizes
// Source of truth: torch.Tensor.view (PyTorch docs)
#include "kvcheck/shape/ops/view.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// "[batch, prompt_len, -1, head_dim]": the sizes as the user wrote them.
template <class D>
std::string sizes_text(const std::vector<D>& sizes, std::optional<std::size_t> inferred) {
  std::string out = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i) out += ", ";
    out += inferred == i ? "-1" : DimOps<D>::str(sizes[i]);
  }
  return out + "]";
}

}  // namespace

namespace detail {

template <class D>
ShapeResult<D> view_rule(const std::string& op, const Shape<D>& self, const std::vector<D>& sizes,
                         std::optional<std::size_t> inferred) {
  auto shape_text = [&] { return "shape " + sizes_text(sizes, inferred); };
  auto self_text = [&] { return operand("self", self); };
  auto operands = [&] { return std::vector<std::string>{self_text(), shape_text()}; };
  if (inferred && *inferred >= sizes.size()) {
    return unexpected(structural_error<D>(
        op, operands, "the -1 is out of range for " + shape_text(),
        "index " + std::to_string(*inferred), std::to_string(sizes.size()) + " sizes"));
  }

  D known(1);
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (inferred == i) continue;
    auto what = [&] {
      return "size at dim " + std::to_string(i) + " of " + shape_text() + " is negative";
    };
    if (auto e = check_nonnegative(op, operands, what, sizes[i])) return unexpected(*e);
    known = known * sizes[i];
  }

  const D numel = self.numel();
  Shape<D> out(sizes);
  if (!inferred) {
    auto what = [&] { return shape_text() + " does not have the numel of " + self_text(); };
    if (auto e = check_equal(op, operands, what, known, numel)) return unexpected(*e);
    return out;
  }
  Division<D> div = require_divisible(numel, known);
  if (!div.quotient) {
    const std::string what = "the -1 at dim " + std::to_string(*inferred) + " of " + shape_text() +
                             " cannot be inferred from " + self_text();
    return unexpected(make_shape_error(op, operands(), what, DimOps<D>::str(numel),
                                       DimOps<D>::str(known), div.obligation));
  }
  out.dims[*inferred] = std::move(*div.quotient);
  return out;
}

}  // namespace detail

template <class D>
ShapeResult<D> view(const Shape<D>& self, const std::vector<D>& sizes,
                    std::optional<std::size_t> inferred) {
  return detail::view_rule("view", self, sizes, inferred);
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> detail::view_rule(const std::string&, const Shape<std::int64_t>&,
                                                     const std::vector<std::int64_t>&,
                                                     std::optional<std::size_t>);
template ShapeResult<sym::Dim> detail::view_rule(const std::string&, const Shape<sym::Dim>&,
                                                 const std::vector<sym::Dim>&,
                                                 std::optional<std::size_t>);
template ShapeResult<std::int64_t> view(const Shape<std::int64_t>&,
                                        const std::vector<std::int64_t>&,
                                        std::optional<std::size_t>);
template ShapeResult<sym::Dim> view(const Shape<sym::Dim>&, const std::vector<sym::Dim>&,
                                    std::optional<std::size_t>);

}  // namespace kvcheck::shape
