// make_inputs: seeded, platform-independent hidden states and weights.
#include "kvcheck/interp/inputs.hpp"

#include <cmath>
#include <random>
#include <stdexcept>
#include <utility>
#include <vector>

namespace kvcheck::interp {
namespace {

/// Which tensor a stream feeds; the values are part of the reproducibility contract.
enum class Stream : std::uint64_t { kX = 1, kWq = 2, kWk = 3, kWv = 4, kWo = 5 };

/// SplitMix64's finaliser: nearby (seed, stream) pairs get unrelated engine seeds, where
/// seeding mt19937_64 with seed + stream directly would make seeds s and s + 1 share streams.
std::uint64_t stream_seed(std::uint64_t seed, Stream stream) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * static_cast<std::uint64_t>(stream);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

/// A freshly seeded engine for `engine_seed`, as std::mt19937_64(engine_seed) makes it.
/// Seeding fills 312 words, which costs more than drawing a small case's weights, and a
/// search seeds the same five streams for every case, so seeded states are kept and copied.
std::mt19937_64 seeded(std::uint64_t engine_seed) {
  thread_local std::vector<std::pair<std::uint64_t, std::mt19937_64>> kept;
  for (const auto& [s, engine] : kept) {
    if (s == engine_seed) return engine;
  }
  if (kept.size() >= 20) kept.erase(kept.begin());
  kept.emplace_back(engine_seed, std::mt19937_64(engine_seed));
  return kept.back().second;
}

template <class Scalar>
Tensor<Scalar> draw(std::vector<std::int64_t> sizes, std::uint64_t seed, Stream stream,
                    double scale) {
  Tensor<Scalar> t(std::move(sizes));
  // mt19937_64's output sequence is fixed by the standard; only distributions vary.
  std::mt19937_64 engine = seeded(stream_seed(seed, stream));
  for (Eigen::Index i = 0; i < t.numel(); ++i) {
    t.data()[i] = static_cast<Scalar>(unit_interval_value(engine()) * scale);
  }
  return t;
}

}  // namespace

double unit_interval_value(std::uint64_t draw) {
  constexpr double kStep = 1.0 / static_cast<double>(1ULL << 23);
  return static_cast<double>(draw >> 40) * kStep - 1.0;
}

template <class Scalar>
const Tensor<Scalar>& ModelInputs<Scalar>::weight(const std::string& name) const {
  if (name == "wq") return wq;
  if (name == "wk") return wk;
  if (name == "wv") return wv;
  if (name == "wo") return wo;
  throw std::out_of_range("ModelInputs: no weight called '" + name + "'");
}

template <class Scalar>
ModelInputs<Scalar> make_inputs(const model::AttentionConfig& config, std::uint64_t seed) {
  const std::int64_t q_width = config.n_heads * config.head_dim;
  const std::int64_t kv_width = config.n_kv_heads * config.head_dim;
  const double hidden_scale = 1.0 / std::sqrt(static_cast<double>(config.hidden));
  const double heads_scale = 1.0 / std::sqrt(static_cast<double>(q_width));
  ModelInputs<Scalar> in;
  in.x = draw<Scalar>({config.batch, config.total_tokens(), config.hidden}, seed, Stream::kX, 1.0);
  in.wq = draw<Scalar>({q_width, config.hidden}, seed, Stream::kWq, hidden_scale);
  in.wk = draw<Scalar>({kv_width, config.hidden}, seed, Stream::kWk, hidden_scale);
  in.wv = draw<Scalar>({kv_width, config.hidden}, seed, Stream::kWv, hidden_scale);
  in.wo = draw<Scalar>({config.hidden, q_width}, seed, Stream::kWo, heads_scale);
  return in;
}

template struct ModelInputs<float>;
template struct ModelInputs<double>;
template ModelInputs<float> make_inputs<float>(const model::AttentionConfig&, std::uint64_t);
template ModelInputs<double> make_inputs<double>(const model::AttentionConfig&, std::uint64_t);

}  // namespace kvcheck::interp
