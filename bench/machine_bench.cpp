// The machine's own limits, the yardsticks for the numeric benchmarks: peak fused
// multiply-add throughput in float (GFLOP/s, a multiply-add counted as two flops) and the
// memory bandwidth of streaming a buffer far larger than the caches (GB/s), on one thread
// and on two. Build with KVCHECK_NATIVE=ON to measure the vector units the engine can use;
// the label names the instructions measured.
#include <benchmark/benchmark.h>
#include <immintrin.h>

#include <cstdint>
#include <vector>

namespace {

// Independent accumulators: more than an FMA unit's latency times its issue width, so the
// loop is bound by throughput, not by the dependency of one sum on the last.
constexpr int kChains = 16;
constexpr std::int64_t kRounds = 1 << 16;

#if defined(__AVX512F__)
constexpr int kLanes = 16;
constexpr const char* kIsa = "avx512 fma";
using Vec = __m512;
inline Vec splat(float x) {
  return _mm512_set1_ps(x);
}
inline Vec fma(Vec a, Vec b, Vec c) {
  return _mm512_fmadd_ps(a, b, c);
}
inline float lane0(Vec v) {
  return _mm512_cvtss_f32(v);
}
inline Vec add(Vec a, const float* p) {
  return _mm512_add_ps(a, _mm512_loadu_ps(p));
}
#elif defined(__FMA__)
constexpr int kLanes = 8;
constexpr const char* kIsa = "avx2 fma";
using Vec = __m256;
inline Vec splat(float x) {
  return _mm256_set1_ps(x);
}
inline Vec fma(Vec a, Vec b, Vec c) {
  return _mm256_fmadd_ps(a, b, c);
}
inline float lane0(Vec v) {
  return _mm256_cvtss_f32(v);
}
inline Vec add(Vec a, const float* p) {
  return _mm256_add_ps(a, _mm256_loadu_ps(p));
}
#else
constexpr int kLanes = 4;
constexpr const char* kIsa = "sse2 (no fma: a multiply and an add)";
using Vec = __m128;
inline Vec splat(float x) {
  return _mm_set1_ps(x);
}
inline Vec fma(Vec a, Vec b, Vec c) {
  return _mm_add_ps(_mm_mul_ps(a, b), c);
}
inline float lane0(Vec v) {
  return _mm_cvtss_f32(v);
}
inline Vec add(Vec a, const float* p) {
  return _mm_add_ps(a, _mm_loadu_ps(p));
}
#endif

void BM_FmaPeak(benchmark::State& state) {
  Vec acc[kChains];
  for (int i = 0; i < kChains; ++i) acc[i] = splat(static_cast<float>(i));
  // Values near one keep the sums finite and normal for any number of rounds.
  const Vec a = splat(0.999999f);
  const Vec b = splat(1e-6f);
  for (auto _ : state) {
    for (std::int64_t r = 0; r < kRounds; ++r) {
      for (int i = 0; i < kChains; ++i) acc[i] = fma(acc[i], a, b);
    }
    benchmark::DoNotOptimize(acc);
  }
  float sum = 0;
  for (int i = 0; i < kChains; ++i) sum += lane0(acc[i]);
  benchmark::DoNotOptimize(sum);
  const double flops = 2.0 * kLanes * kChains * static_cast<double>(kRounds);
  // Rates from every thread add up: the figure for two threads is the machine's.
  state.counters["GFLOP/s"] = benchmark::Counter(
      flops * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
  state.SetLabel(kIsa);
}
BENCHMARK(BM_FmaPeak)->Threads(1)->Threads(2)->UseRealTime();

void BM_StreamRead(benchmark::State& state) {
  // 256 MiB per thread: eight times the last-level cache, so every pass comes from memory.
  std::vector<float> buffer(std::size_t{64} << 20, 1.0f);
  for (auto _ : state) {
    // Four vector sums in flight, so the adds keep up with the loads.
    Vec sums[4] = {splat(0), splat(0), splat(0), splat(0)};
    const float* p = buffer.data();
    for (std::size_t i = 0; i + 4 * kLanes <= buffer.size(); i += 4 * kLanes) {
      for (int j = 0; j < 4; ++j)
        sums[j] = add(sums[j], p + i + static_cast<std::size_t>(j * kLanes));
    }
    benchmark::DoNotOptimize(sums);
  }
  state.counters["GB/s"] = benchmark::Counter(static_cast<double>(buffer.size() * sizeof(float)) *
                                                  static_cast<double>(state.iterations()) / 1e9,
                                              benchmark::Counter::kIsRate);
}
BENCHMARK(BM_StreamRead)->Threads(1)->Threads(2)->UseRealTime()->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
