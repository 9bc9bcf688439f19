// Benchmarks of the checking pipeline: cases per second for the fixed variant's full
// property set, the time to find and shrink the n_heads-sized cache counterexample, and the
// symbolic proof of one variant.
#include <benchmark/benchmark.h>

#include "kvcheck/check/search.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/property.hpp"

namespace {

using namespace kvcheck;

/// Every property of `fixed`, `cases` generated configs each; reports cases per second.
void run_fixed_property_set(benchmark::State& state, bool full_range) {
  const auto& impl = model::find_variant("fixed")->impl;
  check::SearchParams params;
  params.max_success = static_cast<int>(state.range(0));
  params.full_range = full_range;
  std::int64_t cases = 0;
  for (auto _ : state) {
    for (const props::Property* p : props::property_registry()) {
      const check::SearchResult r = check::search(*p, impl, params);
      if (r.failed()) state.SkipWithError("fixed failed a property");
      cases += r.cases;
    }
    ++params.seed;
  }
  state.counters["cases/s"] = benchmark::Counter(static_cast<double>(cases), benchmark::Counter::kIsRate);
}

void BM_FixedPropertySet_GrowingSizes(benchmark::State& state) {
  run_fixed_property_set(state, false);
}
BENCHMARK(BM_FixedPropertySet_GrowingSizes)->Arg(100)->Unit(benchmark::kMillisecond);

void BM_FixedPropertySet_FullRange(benchmark::State& state) { run_fixed_property_set(state, true); }
BENCHMARK(BM_FixedPropertySet_FullRange)->Arg(100)->Unit(benchmark::kMillisecond);

/// Finds and shrinks the cache-sized-by-n_heads counterexample of one property.
void find_and_shrink(benchmark::State& state, const std::string& property) {
  const auto& impl = model::find_variant("cache-sized-by-n_heads")->impl;
  check::SearchParams params;
  for (auto _ : state) {
    const check::SearchResult r = check::search(*props::find_property(property), impl, params);
    if (!r.failed() || r.counterexample->config.n_heads != 2) state.SkipWithError("not found");
    ++params.seed;
  }
}

void BM_FindAndShrink_CacheSizedByNHeads_ShapeSafety(benchmark::State& state) {
  find_and_shrink(state, "shape-safety");
}
BENCHMARK(BM_FindAndShrink_CacheSizedByNHeads_ShapeSafety)->Unit(benchmark::kMicrosecond);

void BM_FindAndShrink_CacheSizedByNHeads_OutputEquivalence(benchmark::State& state) {
  find_and_shrink(state, "output-equivalence");
}
BENCHMARK(BM_FindAndShrink_CacheSizedByNHeads_OutputEquivalence)->Unit(benchmark::kMicrosecond);

/// The symbolic proofs (shape safety and footprint) of every catalog variant.
void BM_ProveCatalog(benchmark::State& state) {
  for (auto _ : state) {
    for (const model::Variant& v : model::variant_catalog()) {
      for (const props::Property* p : props::property_registry()) {
        benchmark::DoNotOptimize(p->prove(v.impl));
      }
    }
  }
}
BENCHMARK(BM_ProveCatalog)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
