// matmul(a, b): the shape rule of torch.matmul, including the 1-D cases.
//   require a.rank >= 1 and b.rank >= 1
//   batch = broadcast(a.shape[:-2], b.shape[:-2])   (a 1-D operand has no batch dims)
//   require a.shape[-1] == (b.shape[-2] if b.rank >= 2 else b.shape[0])
//   result = batch + ([a.shape[-2]] if a.rank >= 2) + ([b.shape[-1]] if b.rank >= 2)
// Source of truth: torch.matmul (PyTorch docs)
#include "kvcheck/shape/ops/matmul.hpp"

#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// The dims before the last two (none for 1-D and 2-D operands).
template <class D>
Shape<D> batch_dims(const Shape<D>& s) {
  const std::int64_t n = s.rank() > 2 ? s.rank() - 2 : 0;
  return Shape<D>(std::vector<D>(s.dims.begin(), s.dims.begin() + n));
}

}  // namespace

template <class D>
ShapeResult<D> matmul(const Shape<D>& a, const Shape<D>& b) {
  const std::string op = "matmul";
  auto a_text = [&] { return operand("a", a); };
  auto b_text = [&] { return operand("b", b); };
  auto operands = [&] { return std::vector<std::string>{a_text(), b_text()}; };
  if (auto e = check_min_rank(op, operands, a_text, a, 1)) return unexpected(*e);
  if (auto e = check_min_rank(op, operands, b_text, b, 1)) return unexpected(*e);

  // PyTorch broadcasts the batch dims before it multiplies, so that error comes first.
  auto subject = [&] { return "batch dims of " + a_text() + " and " + b_text(); };
  auto batch = broadcast_pair(op, operands, subject, batch_dims(a), batch_dims(b));
  if (!batch) return batch;

  const std::int64_t a_k = a.rank() - 1;
  const std::int64_t b_k = b.rank() >= 2 ? b.rank() - 2 : 0;
  auto what = [&] {
    return a_text() + " dim " + std::to_string(a_k) + " does not match " + b_text() + " dim " +
           std::to_string(b_k);
  };
  if (auto e = check_equal(op, operands, what, a[a_k], b[b_k])) return unexpected(*e);

  Shape<D> out = std::move(batch).value();
  if (a.rank() >= 2) out.dims.push_back(a[a.rank() - 2]);
  if (b.rank() >= 2) out.dims.push_back(b[b.rank() - 1]);
  return out;
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> matmul(const Shape<std::int64_t>&, const Shape<std::int64_t>&);
template ShapeResult<sym::Dim> matmul(const Shape<sym::Dim>&, const Shape<sym::Dim>&);

}  // namespace kvcheck::shape
