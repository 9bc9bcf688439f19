// cat(tensors, dim): the shape rule of torch.cat (how a growing cache is extended).
//   skip every tensor of shape [0] (PyTorch's legacy empty tensor); require one is left
//   require every tensor to have the rank of the first, and rank >= 1; d = wrap(dim)
//   require t.shape[k] == first.shape[k] for every tensor t and every k != d
//   result = first.shape with result[d] = sum of t.shape[d]
// Source of truth: torch.cat (PyTorch docs)
#include "kvcheck/shape/ops/cat.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// PyTorch still accepts (and ignores) 1-D empty tensors in cat, whatever their neighbours,
// a convenience for caches that start out as torch.empty(0).
template <class D>
bool is_legacy_empty(const Shape<D>& s) {
  if (s.rank() != 1) return false;
  const auto size = DimOps<D>::constant(s[0]);
  return size && *size == 0;
}

}  // namespace

template <class D>
ShapeResult<D> cat(const std::vector<Shape<D>>& tensors, std::int64_t dim) {
  const std::string op = "cat";
  std::vector<std::string> operands;
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < tensors.size(); ++i) {
    operands.push_back(operand("tensors[" + std::to_string(i) + "]", tensors[i]));
    if (!is_legacy_empty(tensors[i])) kept.push_back(i);
  }
  if (tensors.empty()) {
    return unexpected(structural_error<D>(op, operands, "expected a non-empty list of tensors",
                                          "0 tensors", ">= 1 tensor"));
  }
  if (kept.empty()) return tensors.front();

  const Shape<D>& first = tensors[kept.front()];
  const std::string& first_text = operands[kept.front()];
  if (auto e = check_min_rank(op, operands, first_text, first, 1)) return unexpected(*e);
  auto d = wrap_dim(op, operands, first_text, first, dim);
  if (!d) return unexpected(d.error());

  Shape<D> out = first;
  for (std::size_t n = 1; n < kept.size(); ++n) {
    const Shape<D>& t = tensors[kept[n]];
    const std::string& t_text = operands[kept[n]];
    if (t.rank() != first.rank()) {
      return unexpected(structural_error<D>(
          op, operands, t_text + " does not have the rank of " + first_text,
          "rank " + std::to_string(t.rank()), "rank " + std::to_string(first.rank())));
    }
    for (std::int64_t k = 0; k < first.rank(); ++k) {
      if (k == *d) continue;
      const std::string what =
          t_text + " does not fit " + first_text + " at dim " + std::to_string(k);
      if (auto e = check_equal(op, operands, what, t[k], first[k])) return unexpected(*e);
    }
    out[*d] = out[*d] + t[*d];
  }
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> cat(const std::vector<Shape<std::int64_t>>&, std::int64_t);
template ShapeResult<sym::Dim> cat(const std::vector<Shape<sym::Dim>>&, std::int64_t);

}  // namespace kvcheck::shape
