// rope, causal_hide_mask and attention with libtorch ops.
#include "torch_attention.hpp"

#include <cmath>
#include <limits>

#include "kvcheck/interp/rope.hpp"

namespace kvcheck::torch_test {
namespace {

const at::TensorOptions kFloat64 = at::TensorOptions().dtype(at::kDouble);
const at::TensorOptions kInt64 = at::TensorOptions().dtype(at::kLong);

}  // namespace

at::Tensor rope(const at::Tensor& x, std::int64_t start) {
  TORCH_CHECK(x.dim() == 4, "rotary_embedding expects [bsz, seqlen, heads, head_dim], got ",
              x.sizes());
  const std::int64_t batch = x.size(0);
  const std::int64_t len = x.size(1);
  const std::int64_t heads = x.size(2);
  const std::int64_t head_dim = x.size(3);
  const std::int64_t pairs = head_dim / 2;
  // The exponent is computed in rope_angle's order, (-2 * pair) / head_dim, so that only
  // pow, cos and sin can differ by an ulp.
  const at::Tensor exponents = at::arange(pairs, kFloat64) * -2.0 / static_cast<double>(head_dim);
  const at::Tensor positions = at::arange(start, start + len, kFloat64);
  const at::Tensor angles =
      positions.unsqueeze(1) * at::pow(interp::kRopeBase, exponents).unsqueeze(0);
  const at::Tensor cos = angles.cos().view({1, len, 1, pairs});
  const at::Tensor sin = angles.sin().view({1, len, 1, pairs});

  const at::Tensor paired = x.narrow(3, 0, 2 * pairs).reshape({batch, len, heads, pairs, 2});
  const at::Tensor a = paired.select(4, 0);
  const at::Tensor b = paired.select(4, 1);
  at::Tensor rotated =
      at::stack({a * cos - b * sin, a * sin + b * cos}, 4).reshape({batch, len, heads, 2 * pairs});
  if (head_dim % 2 != 0) rotated = at::cat({rotated, x.narrow(3, 2 * pairs, 1)}, 3);
  return rotated;
}

at::Tensor causal_hide_mask(std::int64_t queries, std::int64_t keys, std::int64_t start,
                            std::optional<std::int64_t> admit_from) {
  const at::Tensor query = at::arange(queries, kInt64).unsqueeze(1);
  const at::Tensor key = at::arange(keys, kInt64).unsqueeze(0);
  at::Tensor hide = key.gt(query + start);
  if (admit_from) hide = hide.logical_and(key.lt(*admit_from));
  return hide;
}

at::Tensor attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                     std::int64_t start, bool causal, bool enable_gqa,
                     std::optional<std::int64_t> admit_from) {
  at::Tensor keys = k;
  at::Tensor values = v;
  if (enable_gqa) {
    TORCH_CHECK(q.dim() >= 3 && k.dim() >= 3 && v.dim() >= 3,
                "scaled_dot_product_attention: enable_gqa reads the heads at dim -3");
    const std::int64_t q_heads = q.size(-3);
    const std::int64_t k_heads = k.size(-3);
    TORCH_CHECK(k_heads > 0 && q_heads % k_heads == 0, "scaled_dot_product_attention: ", q_heads,
                " query heads are not a multiple of ", k_heads, " key heads");
    TORCH_CHECK(v.size(-3) == k_heads, "scaled_dot_product_attention: ", k_heads, " key heads but ",
                v.size(-3), " value heads");
    keys = k.repeat_interleave(q_heads / k_heads, -3);
    values = v.repeat_interleave(q_heads / k_heads, -3);
  }
  const double scale = 1.0 / std::sqrt(static_cast<double>(q.size(-1)));
  at::Tensor scores = at::matmul(q, keys.transpose(-2, -1)) * scale;
  if (causal) {
    const at::Tensor hide = causal_hide_mask(scores.size(-2), scores.size(-1), start, admit_from);
    scores.masked_fill_(hide, -std::numeric_limits<double>::infinity());
  }
  return at::matmul(at::softmax(scores, -1), values);
}

}  // namespace kvcheck::torch_test
