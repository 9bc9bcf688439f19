// scaled_dot_product_attention(q, k, v, attn_mask, enable_gqa): the shape rule of fused
// attention, q [..., Hq, L, E], k [..., Hk, S, E], v [..., Hv, S, Ev] -> [..., Hq, L, Ev].
//   if enable_gqa: require Hq % Hk == 0 and Hk == Hv; k, v = repeat_interleave(Hq / Hk, -3)
//   scores = q @ k.transpose(-2, -1)   (batch dims broadcast; q.shape[-1] == k.shape[-1])
//   if attn_mask: require attn_mask broadcasts to scores.shape [..., Hq, L, S]
//   result = softmax(scores, -1) @ v   (batch dims broadcast; k.shape[-2] == v.shape[-2])
// Source of truth: torch.nn.functional.scaled_dot_product_attention (PyTorch docs)
#include "kvcheck/shape/ops/scaled_dot_product_attention.hpp"

#include "kvcheck/shape/ops/broadcast_shapes.hpp"
#include "kvcheck/shape/ops/rule_support.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape {
namespace {

// Every dim but the last two: what the two matmuls broadcast.
template <class D>
Shape<D> batch_dims(const Shape<D>& s) {
  return Shape<D>(std::vector<D>(s.dims.begin(), s.dims.end() - 2));
}

template <class D>
Shape<D> with_last_two(Shape<D> batch, const D& rows, const D& cols) {
  batch.dims.push_back(rows);
  batch.dims.push_back(cols);
  return batch;
}

std::string at(std::int64_t dim) {
  return " dim " + std::to_string(dim);
}

}  // namespace

template <class D>
ShapeResult<D> scaled_dot_product_attention(const Shape<D>& query, const Shape<D>& key,
                                            const Shape<D>& value,
                                            const std::optional<Shape<D>>& attn_mask,
                                            bool enable_gqa) {
  const std::string op = "scaled_dot_product_attention";
  auto q_text = [&] { return operand("query", query); };
  auto k_text = [&] { return operand("key", key); };
  auto v_text = [&] { return operand("value", value); };
  auto mask_text = [&] { return operand("attn_mask", *attn_mask); };
  auto operands = [&] {
    std::vector<std::string> all{q_text(), k_text(), v_text()};
    if (attn_mask) all.push_back(mask_text());
    return all;
  };
  const std::int64_t min_rank = enable_gqa ? 3 : 2;  // enable_gqa reads the heads at dim -3
  if (auto e = check_min_rank(op, operands, q_text, query, min_rank)) return unexpected(*e);
  if (auto e = check_min_rank(op, operands, k_text, key, min_rank)) return unexpected(*e);
  if (auto e = check_min_rank(op, operands, v_text, value, min_rank)) return unexpected(*e);
  const std::int64_t qr = query.rank();
  const std::int64_t kr = key.rank();
  const std::int64_t vr = value.rank();

  Shape<D> k = key;
  Shape<D> v = value;
  if (enable_gqa) {
    const D& hq = query[qr - 3];
    const D& hk = key[kr - 3];
    Division<D> group = require_divisible(hq, hk);
    if (!group.quotient) {
      const std::string what =
          "enable_gqa: " + q_text() + at(qr - 3) + " is not a multiple of " + k_text() + at(kr - 3);
      return unexpected(make_shape_error(op, operands(), what, DimOps<D>::str(hq),
                                         DimOps<D>::str(hk), group.obligation));
    }
    auto what = [&] {
      return "enable_gqa: " + k_text() + at(kr - 3) + " differs from " + v_text() + at(vr - 3);
    };
    if (auto e = check_equal(op, operands, what, hk, value[vr - 3])) return unexpected(*e);
    // PyTorch repeat_interleaves key and value heads up to the query's.
    k[kr - 3] = hq;
    v[vr - 3] = hq;
  }

  auto qk_batch = [&] { return "batch dims of " + q_text() + " and " + k_text(); };
  auto batch = broadcast_pair(op, operands, qk_batch, batch_dims(query), batch_dims(k));
  if (!batch) return batch;
  auto qk_what = [&] { return q_text() + at(qr - 1) + " does not match " + k_text() + at(kr - 1); };
  if (auto e = check_equal(op, operands, qk_what, query[qr - 1], key[kr - 1])) {
    return unexpected(*e);
  }
  const Shape<D> scores = with_last_two(batch.value(), query[qr - 2], key[kr - 2]);
  auto scores_text = [&] { return "the attention weights " + scores.to_string(); };
  if (attn_mask) {
    if (auto e = check_broadcasts_to(op, operands, mask_text, *attn_mask, scores_text, scores)) {
      return unexpected(*e);
    }
  }

  auto sv_batch = [&] { return "batch dims of " + scores_text() + " and " + v_text(); };
  auto out_batch = broadcast_pair(op, operands, sv_batch, batch.value(), batch_dims(v));
  if (!out_batch) return out_batch;
  auto kv_what = [&] { return k_text() + at(kr - 2) + " does not match " + v_text() + at(vr - 2); };
  if (auto e = check_equal(op, operands, kv_what, key[kr - 2], value[vr - 2])) {
    return unexpected(*e);
  }
  return with_last_two(std::move(out_batch).value(), query[qr - 2], value[vr - 1]);
}

// Explicit instantiations: the two dimension types every rule is written for.
template ShapeResult<std::int64_t> scaled_dot_product_attention(
    const Shape<std::int64_t>&, const Shape<std::int64_t>&, const Shape<std::int64_t>&,
    const std::optional<Shape<std::int64_t>>&, bool);
template ShapeResult<sym::Dim> scaled_dot_product_attention(const Shape<sym::Dim>&,
                                                            const Shape<sym::Dim>&,
                                                            const Shape<sym::Dim>&,
                                                            const std::optional<Shape<sym::Dim>>&,
                                                            bool);

}  // namespace kvcheck::shape
