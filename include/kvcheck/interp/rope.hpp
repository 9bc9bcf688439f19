// Rotary position embedding (RoPE) on numbers, shared by the numeric interpreter and the
// reference forward so that both rotate exactly alike.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "kvcheck/interp/tensor.hpp"

namespace kvcheck::interp {

/// The frequency base of the original RoPE paper and of Llama.
inline constexpr double kRopeBase = 10000.0;

/// Angle of pair `pair` (elements 2*pair and 2*pair + 1) of a token at `position`:
/// position * base^(-2 * pair / head_dim).
double rope_angle(std::int64_t position, std::int64_t pair, std::int64_t head_dim);

/// Rotates one head vector in place as the token at `position`: each adjacent pair
/// (a, b) becomes (a cos t - b sin t, a sin t + b cos t). With an odd length the last
/// element has no partner and stays as it is.
template <class Scalar>
void rope_rotate(std::span<Scalar> head, std::int64_t position);

/// The rotations of positions start .. start + len - 1 for a head dim: cos and sin of
/// rope_angle for each (position, pair), computed once and shared by every head (and
/// bit-identical to rope_rotate's).
template <class Scalar>
struct RopeTable {
  std::int64_t pairs = 0;
  std::vector<Scalar> cos, sin;  ///< [len, pairs], row i for position start + i

  RopeTable(std::int64_t start, std::int64_t len, std::int64_t head_dim);

  /// Rotates `head` as the token at position start + i, exactly as rope_rotate does.
  void rotate(Scalar* head, std::int64_t i) const {
    const Scalar* c = cos.data() + i * pairs;
    const Scalar* s = sin.data() + i * pairs;
    for (std::int64_t pair = 0; pair < pairs; ++pair) {
      const Scalar a = head[2 * pair];
      const Scalar b = head[2 * pair + 1];
      head[2 * pair] = a * c[pair] - b * s[pair];
      head[2 * pair + 1] = a * s[pair] + b * c[pair];
    }
  }
};

/// Rotates every head vector of `t` in place: positions run along dim 1 (token i is at
/// start + i) and the last dim is the head dim, as in [batch, len, heads, head_dim].
/// Throws std::invalid_argument for a tensor of rank below 3.
template <class Scalar>
void apply_rope(Tensor<Scalar>& t, std::int64_t start);

extern template void rope_rotate<float>(std::span<float>, std::int64_t);
extern template void rope_rotate<double>(std::span<double>, std::int64_t);
extern template struct RopeTable<float>;
extern template struct RopeTable<double>;
extern template void apply_rope<float>(Tensor<float>&, std::int64_t);
extern template void apply_rope<double>(Tensor<double>&, std::int64_t);

}  // namespace kvcheck::interp
