// Costs of the sym layer on the shapes kvcheck builds: normal-form arithmetic, exact division,
// evaluation, and the counter-model search behind every failed shape obligation.
#include <benchmark/benchmark.h>

#include "kvcheck/sym/decide.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym {
namespace {

Dim var(Symbol s) { return Dim(s); }

/// batch*prompt_len*n_heads*head_dim: the element count of a query tensor.
Dim query_numel() {
  return var(symbols::batch()) * var(symbols::prompt_len()) * Dim::n_heads() *
         var(symbols::head_dim());
}

/// batch*(prompt_len + decode_steps)*n_kv_heads*head_dim: a cache tensor after decoding.
Dim cache_numel() {
  return var(symbols::batch()) * (var(symbols::prompt_len()) + var(symbols::decode_steps())) *
         var(symbols::n_kv_heads()) * var(symbols::head_dim());
}

/// (max_seq_len + cache_spare - 1)*head_dim + pos: a sum of mixed terms.
Dim offset_dim() {
  return (var(symbols::max_seq_len()) + var(symbols::cache_spare()) - 1) *
             var(symbols::head_dim()) +
         var(symbols::pos());
}

void BM_AddShapes(benchmark::State& state) {
  const Dim a = query_numel();
  const Dim b = cache_numel();
  for (auto _ : state) benchmark::DoNotOptimize(a + b);
}
BENCHMARK(BM_AddShapes);

void BM_MulTwoShapes(benchmark::State& state) {
  const Dim a = query_numel();
  const Dim b = cache_numel();
  for (auto _ : state) benchmark::DoNotOptimize(a * b);
}
BENCHMARK(BM_MulTwoShapes);

void BM_MulFourShapes(benchmark::State& state) {
  const Dim a = query_numel();
  const Dim b = cache_numel();
  const Dim c = offset_dim();
  for (auto _ : state) benchmark::DoNotOptimize(a * b * c * (a + c));
}
BENCHMARK(BM_MulFourShapes);

void BM_ExactDiv(benchmark::State& state) {
  const Dim divisor = cache_numel();
  const Dim product = query_numel() * divisor * offset_dim();
  for (auto _ : state) benchmark::DoNotOptimize(exact_div(product, divisor));
}
BENCHMARK(BM_ExactDiv);

void BM_ExactDivFails(benchmark::State& state) {
  const Dim a = query_numel() * offset_dim() + 1;
  const Dim b = cache_numel();
  for (auto _ : state) benchmark::DoNotOptimize(exact_div(a, b));
}
BENCHMARK(BM_ExactDivFails);

void BM_Evaluate(benchmark::State& state) {
  const Dim p = query_numel() * cache_numel() + offset_dim();
  Assignment at;
  std::int64_t v = 2;
  for (Symbol s : p.symbols()) at.set(s, v++);
  for (auto _ : state) benchmark::DoNotOptimize(p.evaluate(at));
}
BENCHMARK(BM_Evaluate);

/// The GQA bug itself: a cache written with n_kv_heads heads into an n_heads buffer.
void BM_CounterModelHeads(benchmark::State& state) {
  const Dim kv = var(symbols::n_kv_heads());
  const Dim heads = Dim::n_heads();
  for (auto _ : state) benchmark::DoNotOptimize(smallest_counter_model(kv, heads));
}
BENCHMARK(BM_CounterModelHeads);

/// Two six-symbol numels that differ only in the head count.
void BM_CounterModelSixSymbols(benchmark::State& state) {
  const Dim rest = var(symbols::batch()) * var(symbols::prompt_len()) *
                   var(symbols::head_dim()) * var(symbols::max_seq_len());
  const Dim a = rest * Dim::n_heads();
  const Dim b = rest * var(symbols::n_kv_heads()) * var(symbols::chunk_len());
  for (auto _ : state) benchmark::DoNotOptimize(smallest_counter_model(a, b));
}
BENCHMARK(BM_CounterModelSixSymbols);

/// Degree 4 with many small roots: (group-1)(head_dim-1)(batch-1)(prompt_len-2) vanishes on
/// most of the small box, so the search must walk far before it finds a non-root.
void BM_CounterModelDegreeFour(benchmark::State& state) {
  const Dim p = (var(symbols::group()) - 1) * (var(symbols::head_dim()) - 1) *
                (var(symbols::batch()) - 1) * (var(symbols::prompt_len()) - 2);
  for (auto _ : state) benchmark::DoNotOptimize(smallest_counter_model(p, Dim(0)));
}
BENCHMARK(BM_CounterModelDegreeFour);

/// The worst typical case: six independent "x >= 2" conditions, so the first non-root
/// is at excess 6 and every point below it is a root.
void BM_CounterModelSixFactors(benchmark::State& state) {
  Dim p(1);
  for (Symbol s : {symbols::batch(), symbols::prompt_len(), symbols::decode_steps(),
                   symbols::n_kv_heads(), symbols::group(), symbols::head_dim()}) {
    p *= var(s) - 1;
  }
  for (auto _ : state) benchmark::DoNotOptimize(smallest_counter_model(p, Dim(0)));
}
BENCHMARK(BM_CounterModelSixFactors);

void BM_DecideNonnegative(benchmark::State& state) {
  // max_seq_len + cache_spare - prompt_len - decode_steps: cache capacity is not proved.
  const Dim p = var(symbols::max_seq_len()) + var(symbols::cache_spare()) -
                var(symbols::prompt_len()) - var(symbols::decode_steps());
  for (auto _ : state) benchmark::DoNotOptimize(decide_nonnegative(p));
}
BENCHMARK(BM_DecideNonnegative);

void BM_NonzeroCondition(benchmark::State& state) {
  const Dim p = Dim::n_heads() - var(symbols::n_kv_heads());
  for (auto _ : state) benchmark::DoNotOptimize(nonzero_condition(p));
}
BENCHMARK(BM_NonzeroCondition);

}  // namespace
}  // namespace kvcheck::sym

BENCHMARK_MAIN();
