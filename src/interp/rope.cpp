// RoPE: rotation of adjacent pairs by position-dependent angles.
#include "kvcheck/interp/rope.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

#include "kvcheck/interp/threads.hpp"
#include "parallel.hpp"

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
RopeTable<Scalar>::RopeTable(std::int64_t start, std::int64_t len, std::int64_t head_dim)
    : pairs(head_dim / 2),
      cos(static_cast<std::size_t>(len * pairs)),
      sin(static_cast<std::size_t>(len * pairs)) {
  // rope_angle's factor per pair, computed once: position * factor is the same double.
  std::vector<double> factor(static_cast<std::size_t>(pairs));
  for (std::int64_t pair = 0; pair < pairs; ++pair) {
    const double exponent = -2.0 * static_cast<double>(pair) / static_cast<double>(head_dim);
    factor[static_cast<std::size_t>(pair)] = std::pow(kRopeBase, exponent);
  }
  const int threads = len * pairs < 4096 ? 1 : numeric_threads();
  for_each_task(len, threads, [&](std::int64_t i) {
    for (std::int64_t pair = 0; pair < pairs; ++pair) {
      const double angle = static_cast<double>(start + i) * factor[static_cast<std::size_t>(pair)];
      const auto at = static_cast<std::size_t>(i * pairs + pair);
      cos[at] = static_cast<Scalar>(std::cos(angle));
      sin[at] = static_cast<Scalar>(std::sin(angle));
    }
  });
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
  // Everything between the position dim and the head dim (the heads) shares the position.
  const std::int64_t heads = t.numel() / (outer * len * head_dim);
  const RopeTable<Scalar> table(start, len, head_dim);
  Scalar* data = t.data().data();
  const int threads = t.numel() < (std::int64_t{1} << 16) ? 1 : numeric_threads();
  for_each_task(outer * len, threads, [&](std::int64_t row) {
    for (std::int64_t h = 0; h < heads; ++h)
      table.rotate(data + (row * heads + h) * head_dim, row % len);
  });
}

template struct RopeTable<float>;
template struct RopeTable<double>;
template void rope_rotate<float>(std::span<float>, std::int64_t);
template void rope_rotate<double>(std::span<double>, std::int64_t);
template void apply_rope<float>(Tensor<float>&, std::int64_t);
template void apply_rope<double>(Tensor<double>&, std::int64_t);

}  // namespace kvcheck::interp
