// RoPE: rotation of adjacent pairs by position-dependent angles.
#include "kvcheck/interp/rope.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "kvcheck/interp/threads.hpp"

namespace kvcheck::interp {

double rope_angle(std::int64_t position, std::int64_t pair, std::int64_t head_dim) {
  const double exponent = -2.0 * static_cast<double>(pair) / static_cast<double>(head_dim);
  return static_cast<double>(position) * std::pow(kRopeBase, exponent);
}

template <class Scalar>
void rope_rotate(std::span<Scalar> head, std::int64_t position) {
  const auto head_dim = static_cast<std::int64_t>(head.size());
  for (std::int64_t pair = 0; 2 * pair + 1 < head_dim; ++pair) {
    // Angles in double whatever Scalar is: float angles lose the position's digits quickly.
    const double angle = rope_angle(position, pair, head_dim);
    const auto c = static_cast<Scalar>(std::cos(angle));
    const auto s = static_cast<Scalar>(std::sin(angle));
    Scalar& a = head[static_cast<std::size_t>(2 * pair)];
    Scalar& b = head[static_cast<std::size_t>(2 * pair + 1)];
    const Scalar a0 = a;
    a = a0 * c - b * s;
    b = a0 * s + b * c;
  }
}

template <class Scalar>
void apply_rope(Tensor<Scalar>& t, std::int64_t start) {
  if (t.rank() < 3) {
    throw std::invalid_argument("apply_rope: expected [batch, len, ..., head_dim], got " +
                                t.shape_string());
  }
  if (t.numel() == 0) return;
  const std::int64_t outer = t.dim(0);
  const std::int64_t len = t.dim(1);
  const std::int64_t head_dim = t.dim(-1);
  const std::int64_t pairs = head_dim / 2;
  // Everything between the position dim and the head dim (the heads) shares the position,
  // so each (position, pair) rotation is computed once, exactly as rope_rotate computes it.
  const std::int64_t heads = t.numel() / (outer * len * head_dim);
  std::vector<Scalar> cosines(static_cast<std::size_t>(len * pairs));
  std::vector<Scalar> sines(cosines.size());
  const int threads = t.numel() < (std::int64_t{1} << 16) ? 1 : numeric_threads();
#pragma omp parallel num_threads(threads) if (threads > 1)
  {
#pragma omp for
    for (std::int64_t i = 0; i < len; ++i) {
      for (std::int64_t pair = 0; pair < pairs; ++pair) {
        const double angle = rope_angle(start + i, pair, head_dim);
        const auto at = static_cast<std::size_t>(i * pairs + pair);
        cosines[at] = static_cast<Scalar>(std::cos(angle));
        sines[at] = static_cast<Scalar>(std::sin(angle));
      }
    }
    Scalar* data = t.data().data();
#pragma omp for
    for (std::int64_t row = 0; row < outer * len; ++row) {
      const Scalar* c = cosines.data() + (row % len) * pairs;
      const Scalar* s = sines.data() + (row % len) * pairs;
      for (std::int64_t h = 0; h < heads; ++h) {
        Scalar* head = data + (row * heads + h) * head_dim;
        for (std::int64_t pair = 0; pair < pairs; ++pair) {
          const Scalar a = head[2 * pair];
          const Scalar b = head[2 * pair + 1];
          head[2 * pair] = a * c[pair] - b * s[pair];
          head[2 * pair + 1] = a * s[pair] + b * c[pair];
        }
      }
    }
  }
}

template void rope_rotate<float>(std::span<float>, std::int64_t);
template void rope_rotate<double>(std::span<double>, std::int64_t);
template void apply_rope<float>(Tensor<float>&, std::int64_t);
template void apply_rope<double>(Tensor<double>&, std::int64_t);

}  // namespace kvcheck::interp
