// The numeric forward at a real model's sizes: GFLOP/s of one prefill of 2048 tokens with
// n_heads=32, n_kv_heads=8, head_dim=128, hidden=4096, through the cached program, on one
// thread and on every core, in float and double.
#include <benchmark/benchmark.h>

#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/threads.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/steps.hpp"

namespace {

using namespace kvcheck;

model::AttentionConfig llama_like() {
  model::AttentionConfig c;
  c.n_heads = 32;
  c.n_kv_heads = 8;
  c.head_dim = 128;
  c.hidden = 4096;
  c.batch = 1;
  c.prompt_len = 2048;
  c.decode_steps = 0;
  c.max_seq_len = 2048;
  return c;
}

/// Multiply-adds counted as two flops: projections, scores, probabilities @ values (the
/// causal mask is applied to full T x T scores, as the program computes them), output.
double forward_flops(const model::AttentionConfig& c) {
  const double t = static_cast<double>(c.prompt_len);
  const double h = static_cast<double>(c.hidden);
  const double q = static_cast<double>(c.n_heads * c.head_dim);
  const double kv = static_cast<double>(c.n_kv_heads * c.head_dim);
  const double attention = 2.0 * 2.0 * static_cast<double>(c.n_heads) * t * t * static_cast<double>(c.head_dim);
  return 2.0 * t * h * (q + 2.0 * kv) + attention + 2.0 * t * q * h;
}

template <class Scalar>
void BM_PrefillForward(benchmark::State& state) {
  interp::set_numeric_threads(static_cast<int>(state.range(0)));
  const model::AttentionConfig config = llama_like();
  const auto inputs = interp::make_inputs<Scalar>(config, 1);
  const model::Program program = model::build_program(
      model::find_variant("fixed")->impl, model::symbolic_step(model::StepKind::kPrefill));
  const props::Step step{model::StepKind::kPrefill, 0, config.prompt_len, "prefill"};
  for (auto _ : state) {
    interp::NumericInterpreter<Scalar> interpreter(config, inputs);
    if (!interpreter.setup(program, config.assignment())) state.SkipWithError("setup failed");
    auto out = interpreter.step(program, props::step_assignment(config, step));
    if (!out) state.SkipWithError("forward failed");
    benchmark::DoNotOptimize(out);
  }
  state.counters["GFLOP/s"] = benchmark::Counter(
      forward_flops(config) * static_cast<double>(state.iterations()) / 1e9,
      benchmark::Counter::kIsRate);
  interp::set_numeric_threads(0);
}

BENCHMARK_TEMPLATE(BM_PrefillForward, float)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(BM_PrefillForward, double)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
