// The reference forward: plain causal attention over the whole sequence, written apart from
// the Program, the cache and repeat_kv, so that comparing against it tests the cached path.
#pragma once

#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::interp {

/// Which kv head a query head reads.
enum class HeadMapping {
  kGrouped,  ///< GQA: query head h reads kv head h / group (group = n_heads / n_kv_heads)
  kPerHead,  ///< MHA: query head h reads kv head h; needs n_kv_heads == n_heads
};

/// y = attention(x) for every token at once, as a model without a cache computes it:
///
///   q, k, v = x @ wq.T, x @ wk.T, x @ wv.T          split into heads of head_dim
///   q, k    = rope(q), rope(k) at positions 0 .. T-1
///   out[h]  = softmax((q[h] @ k[kv(h)].T) / sqrt(head_dim), keys j <= i) @ v[kv(h)]
///   y       = concat_h(out[h]) @ wo.T
///
/// Returns [batch, T, hidden] with T = inputs.x.dim(1). Throws std::invalid_argument when
/// the inputs' shapes do not match `config` or kPerHead is asked with n_kv_heads != n_heads.
template <class Scalar = double>
Tensor<Scalar> reference_forward(const model::AttentionConfig& config,
                                 const ModelInputs<Scalar>& inputs,
                                 HeadMapping mapping = HeadMapping::kGrouped);

extern template Tensor<float> reference_forward<float>(const model::AttentionConfig&,
                                                       const ModelInputs<float>&, HeadMapping);
extern template Tensor<double> reference_forward<double>(const model::AttentionConfig&,
                                                         const ModelInputs<double>&, HeadMapping);

}  // namespace kvcheck::interp
