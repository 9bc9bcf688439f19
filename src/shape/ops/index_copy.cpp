// index_copy_(self, dim, index, source): the shape rule of writing `source` into `self` at
// the positions `index` along `dim` (how a KV cache is written).
//   d = wrap(dim); require source.rank == self.rank
//   require source.shape[k] == self.shape[k] for every k != d
//   require source.shape[d] == len(index)
//   result = self.shape   (in place)
// Source of truth: torch.Tensor.index_copy_ (PyTorch docs)
#include "kvcheck/shape/ops/index_copy.hpp"

#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {

template <class D>
ShapeResult<D> index_copy(const Shape<D>& self, std::int64_t dim, const D& index_len,
                          const Shape<D>& source) {
  const std::string op = "index_copy_";
  auto self_text = [&] { return operand("self", self); };
  auto source_text = [&] { return operand("source", source); };
  auto operands = [&] {
    return std::vector<std::string>{self_text(), operand("index", Shape<D>{index_len}),
                                    source_text()};
  };
  if (auto e = check_min_rank(op, operands, self_text, self, 1)) return unexpected(*e);
  auto d = wrap_dim(op, operands, self_text, self, dim);
  if (!d) return unexpected(d.error());
  if (source.rank() != self.rank()) {
    return unexpected(structural_error<D>(
        op, operands, source_text() + " does not have the rank of " + self_text(),
        "rank " + std::to_string(source.rank()), "rank " + std::to_string(self.rank())));
  }
  for (std::int64_t k = 0; k < self.rank(); ++k) {
    if (k == *d) continue;
    auto what = [&] {
      return source_text() + " does not fit " + self_text() + " at dim " + std::to_string(k);
    };
    if (auto e = check_equal(op, operands, what, source[k], self[k])) return unexpected(*e);
  }
  auto what = [&] {
    return source_text() + " does not match the index length at dim " + std::to_string(*d);
  };
  if (auto e = check_equal(op, operands, what, source[*d], index_len)) return unexpected(*e);
  return self;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> index_copy(const Shape<std::int64_t>&, std::int64_t,
                                              const std::int64_t&, const Shape<std::int64_t>&);
template ShapeResult<sym::Dim> index_copy(const Shape<sym::Dim>&, std::int64_t, const sym::Dim&,
                                          const Shape<sym::Dim>&);

}  // namespace kvcheck::shape
