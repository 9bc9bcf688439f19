// ModelInputs: the hidden states and the four projection weights of one attention layer,
// drawn deterministically from a seed so that a reported seed reproduces every number.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::interp {

/// The numbers one run of a layer reads. Shapes follow F.linear's weight convention
/// [out_features, in_features].
template <class Scalar = double>
struct ModelInputs {
  Tensor<Scalar> x;   ///< [batch, prompt_len + decode_steps, hidden]: every token of the run
  Tensor<Scalar> wq;  ///< [n_heads * head_dim, hidden]
  Tensor<Scalar> wk;  ///< [n_kv_heads * head_dim, hidden]
  Tensor<Scalar> wv;  ///< [n_kv_heads * head_dim, hidden]
  Tensor<Scalar> wo;  ///< [hidden, n_heads * head_dim]

  /// The weight an op names ("wq", "wk", "wv", "wo"); std::out_of_range for anything else.
  const Tensor<Scalar>& weight(const std::string& name) const;
};

/// Inputs for `config`, a pure function of (config sizes, seed): the same seed gives the
/// same bytes on every platform and standard library. Each tensor has its own
/// std::mt19937_64 stream (so a longer run keeps the same weights), each draw is mapped to
/// [-1, 1) by `unit_interval_value`, and weights are scaled by 1 / sqrt(fan_in) so that
/// activations stay of order one.
template <class Scalar = double>
ModelInputs<Scalar> make_inputs(const model::AttentionConfig& config, std::uint64_t seed);

/// Maps one 64-bit draw to [-1, 1) using its top 24 bits: the result k / 2^23 - 1 is exact in
/// float and double alike, so both precisions see the same inputs before scaling.
double unit_interval_value(std::uint64_t draw);

extern template struct ModelInputs<float>;
extern template struct ModelInputs<double>;
extern template ModelInputs<float> make_inputs<float>(const model::AttentionConfig&, std::uint64_t);
extern template ModelInputs<double> make_inputs<double>(const model::AttentionConfig&,
                                                        std::uint64_t);

}  // namespace kvcheck::interp
