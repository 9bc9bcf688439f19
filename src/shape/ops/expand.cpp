// expand(self, sizes): the shape rule of torch.Tensor.expand (a broadcast view, no copy).
//   require len(sizes) >= self.rank; self aligns with the last self.rank sizes
//   new leading dim i: require sizes[i] given (not -1) and >= 0; result[i] = sizes[i]
//   existing dim: -1 keeps self's size; otherwise require self[j] == sizes[i] or
//     self[j] == 1, and result[i] = sizes[i]
// Source of truth: torch.Tensor.expand (PyTorch docs)
#include "kvcheck/shape/ops/expand.hpp"

#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// "[batch, n_kv_heads, -1, head_dim]": the sizes as the user wrote them.
template <class D>
std::string sizes_text(const std::vector<std::optional<D>>& sizes) {
  std::string out = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i) out += ", ";
    out += sizes[i] ? DimOps<D>::str(*sizes[i]) : "-1";
  }
  return out + "]";
}

}  // namespace

template <class D>
ShapeResult<D> expand(const Shape<D>& self, const std::vector<std::optional<D>>& sizes) {
  const std::string op = "expand";
  const std::vector<std::string> operands{operand("self", self), "sizes " + sizes_text(sizes)};
  const std::string& self_text = operands[0];
  const std::string& target_text = operands[1];
  const std::int64_t n = static_cast<std::int64_t>(sizes.size());
  if (n < self.rank()) {
    return unexpected(
        structural_error<D>(op, operands, target_text + " have fewer dims than " + self_text,
                            "rank " + std::to_string(n), "rank " + std::to_string(self.rank())));
  }
  const std::int64_t lead = n - self.rank();
  Shape<D> out;
  for (std::int64_t i = 0; i < n; ++i) {
    const std::optional<D>& size = sizes[static_cast<std::size_t>(i)];
    const std::string at = " at dim " + std::to_string(i);
    if (!size && i < lead) {
      return unexpected(structural_error<D>(
          op, operands, "-1 is not allowed for a new leading dim of " + target_text + at, "-1",
          "a size"));
    }
    if (!size) {
      out.dims.push_back(self[i - lead]);
      continue;
    }
    if (auto e =
            check_nonnegative(op, operands, "size is negative in " + target_text + at, *size)) {
      return unexpected(*e);
    }
    if (i >= lead) {
      const D& have = self[i - lead];
      const Obligation ob = stretches_to(have, *size);
      if (!ob.holds()) {
        const std::string what = self_text + " cannot be expanded to " + target_text + at;
        return unexpected(
            make_shape_error(op, operands, what, DimOps<D>::str(have), DimOps<D>::str(*size), ob));
      }
    }
    out.dims.push_back(*size);
  }
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> expand(const Shape<std::int64_t>&,
                                          const std::vector<std::optional<std::int64_t>>&);
template ShapeResult<sym::Dim> expand(const Shape<sym::Dim>&,
                                      const std::vector<std::optional<sym::Dim>>&);

}  // namespace kvcheck::shape
