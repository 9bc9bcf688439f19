// view(self, sizes): the shape rule of torch.Tensor.view (reshape shares it).
//   require every given size >= 0; at most one size is -1 (here: the index `inferred`)
//   known = product of the given sizes other than the -1
//   if there is a -1: require known divides self.numel(); sizes[-1 index] = numel / known
//   else: require product(sizes) == self.numel()
//   result = sizes
// Source of truth: torch.Tensor.view (PyTorch docs)
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

/// self.view(sizes). `inferred` is the index of the single -1 entry (its value in `sizes`
/// is ignored); its size is numel / (product of the other sizes), which must be exact:
/// symbolically a polynomial quotient (sym::exact_div), e.g. hidden / head_dim is not one
/// while (n_heads*head_dim) / head_dim is n_heads. Strides are not modelled, so view's
/// requirement that the new shape be compatible with self's strides is not checked.
template <class D>
ShapeResult<D> view(const Shape<D>& self, const std::vector<D>& sizes,
                    std::optional<std::size_t> inferred = std::nullopt);

namespace detail {
/// The rule view and reshape share, reporting errors as `op`.
template <class D>
ShapeResult<D> view_rule(const std::string& op, const Shape<D>& self, const std::vector<D>& sizes,
                         std::optional<std::size_t> inferred);
}  // namespace detail

}  // namespace kvcheck::shape
