// Benchmarks of the proofs: all six properties of one implementation (with the position
// decisions memoised, as every run after the first has them, and cold), and the
// classification of the whole implementation space from a cold memo.
#include <benchmark/benchmark.h>

#include "kvcheck/check/classify.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/position_proof.hpp"

namespace {

using namespace kvcheck;

void prove_all_six(benchmark::State& state, const char* variant, bool cold) {
  const auto& impl = model::find_variant(variant)->impl;
  for (auto _ : state) {
    if (cold) {
      state.PauseTiming();
      props::forget_position_proofs();
      state.ResumeTiming();
    }
    const check::Classification c = check::classify(impl);
    benchmark::DoNotOptimize(c.proofs.data());
    if (c.proofs.size() != 6) state.SkipWithError("a property has no proof");
  }
}

void BM_ProveAllSix_Fixed(benchmark::State& state) { prove_all_six(state, "fixed", false); }
BENCHMARK(BM_ProveAllSix_Fixed)->Unit(benchmark::kMicrosecond);

void BM_ProveAllSix_RopePositionReset(benchmark::State& state) {
  prove_all_six(state, "rope-position-reset", false);
}
BENCHMARK(BM_ProveAllSix_RopePositionReset)->Unit(benchmark::kMicrosecond);

void BM_ProveAllSix_Fixed_Cold(benchmark::State& state) { prove_all_six(state, "fixed", true); }
BENCHMARK(BM_ProveAllSix_Fixed_Cold)->Unit(benchmark::kMillisecond);

void BM_ProveAllSix_RopePositionReset_Cold(benchmark::State& state) {
  prove_all_six(state, "rope-position-reset", true);
}
BENCHMARK(BM_ProveAllSix_RopePositionReset_Cold)->Unit(benchmark::kMillisecond);

void BM_ClassifyWholeSpace_Cold(benchmark::State& state) {
  std::size_t count = 0;
  for (auto _ : state) {
    props::forget_position_proofs();
    const auto all = check::classify_all();
    count = all.size();
    benchmark::DoNotOptimize(all.data());
  }
  state.counters["implementations"] = static_cast<double>(count);
}
BENCHMARK(BM_ClassifyWholeSpace_Cold)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace

BENCHMARK_MAIN();
