// The numeric forward at a real model's sizes (n_heads=32, n_kv_heads=8, head_dim=128,
// hidden=4096, batch 1), through the fixed program:
// - prefill: one forward of 2048 tokens, by the fused engine and by the op-by-op interpreter;
// - decode: one decode step after a 512-token prefill, by the fused engine;
// - the prefill's four projections alone, the GEMMs that are most of its work.
// The argument is the number of threads. bench/peers/attention_forward.py runs the same work
// in PyTorch.
#include <benchmark/benchmark.h>

#include "kvcheck/interp/fused_engine.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/threads.hpp"
#include "kvcheck/model/variant.hpp"
#include "kvcheck/props/steps.hpp"

namespace {

using namespace kvcheck;

constexpr std::int64_t kPrefillTokens = 2048;
constexpr std::int64_t kDecodeAfter = 512;

model::AttentionConfig llama_like(std::int64_t prompt, std::int64_t decode) {
  model::AttentionConfig c;
  c.n_heads = 32;
  c.n_kv_heads = 8;
  c.head_dim = 128;
  c.hidden = 4096;
  c.batch = 1;
  c.prompt_len = prompt;
  c.decode_steps = decode;
  c.max_seq_len = prompt + decode;
  return c;
}

/// Multiply-adds counted as two flops for `len` queries at positions pos .. pos + len - 1
/// over `keys` keys: projections, scores and probabilities @ values over every key (the
/// program's count: its causal mask is applied to full len x keys scores, and the PyTorch
/// peer counts the same), output projection.
double step_flops(const model::AttentionConfig& c, double len, double keys) {
  const double h = static_cast<double>(c.hidden);
  const double q = static_cast<double>(c.n_heads * c.head_dim);
  const double kv = static_cast<double>(c.n_kv_heads * c.head_dim);
  const double attention =
      2.0 * 2.0 * static_cast<double>(c.n_heads) * len * keys * static_cast<double>(c.head_dim);
  return 2.0 * len * h * (q + 2.0 * kv) + attention + 2.0 * len * q * h;
}

/// The same with only the score pairs a causal kernel must compute (key j <= query i).
double causal_prefill_flops(const model::AttentionConfig& c, double len) {
  const double full = step_flops(c, len, len);
  const double pairs_saved = len * len - len * (len + 1) / 2;
  return full - 4.0 * static_cast<double>(c.n_heads * c.head_dim) * pairs_saved;
}

const model::Program& program(model::StepKind kind) {
  static const model::Program prefill = model::build_program(
      model::find_variant("fixed")->impl, model::symbolic_step(model::StepKind::kPrefill));
  static const model::Program decode = model::build_program(
      model::find_variant("fixed")->impl, model::symbolic_step(model::StepKind::kDecode));
  return kind == model::StepKind::kPrefill ? prefill : decode;
}

void set_rates(benchmark::State& state, double flops, const char* name) {
  state.counters[name] = benchmark::Counter(flops * static_cast<double>(state.iterations()) / 1e9,
                                            benchmark::Counter::kIsRate);
}

template <class Scalar>
void BM_PrefillFused(benchmark::State& state) {
  interp::set_numeric_threads(static_cast<int>(state.range(0)));
  const model::AttentionConfig config = llama_like(kPrefillTokens, 0);
  const auto inputs = interp::make_inputs<Scalar>(config, 1);
  const props::Step step{model::StepKind::kPrefill, 0, config.prompt_len, "prefill"};
  // One engine for every iteration: its buffers are sized by the first and reused after.
  interp::FusedEngine<Scalar> engine(config, inputs);
  auto forward = [&] {
    if (!engine.setup(program(step.kind), config.assignment())) return false;
    auto out = engine.step(program(step.kind), props::step_assignment(config, step));
    benchmark::DoNotOptimize(out);
    return out.has_value() && engine.last_step_fused();
  };
  // One forward before timing: it sizes the buffers (page faults included) that every
  // timed forward then reuses.
  if (!forward()) state.SkipWithError("forward failed or not fused");
  for (auto _ : state) {
    if (!forward()) state.SkipWithError("forward failed or not fused");
  }
  const auto t = static_cast<double>(kPrefillTokens);
  set_rates(state, step_flops(config, t, t), "GFLOP/s");
  set_rates(state, causal_prefill_flops(config, t), "causal GFLOP/s");
  interp::set_numeric_threads(0);
}

/// The four projections of the prefill alone (x @ wq.T, wk, wv, then attn @ wo.T), as the
/// engine's prefill runs them (Eigen's parallel GEMM): most of the prefill's work.
void BM_PrefillProjections(benchmark::State& state) {
  interp::set_numeric_threads(static_cast<int>(state.range(0)));
  const model::AttentionConfig config = llama_like(kPrefillTokens, 0);
  const auto inputs = interp::make_inputs<float>(config, 1);
  const auto x = inputs.x.rows_matrix();
  interp::Tensor<float>::Matrix q(x.rows(), inputs.wq.dim(0)), k(x.rows(), inputs.wk.dim(0)),
      v(x.rows(), inputs.wv.dim(0)), y(x.rows(), inputs.wo.dim(0));
  for (auto _ : state) {
    q.noalias() = x * inputs.wq.rows_matrix().transpose();
    k.noalias() = x * inputs.wk.rows_matrix().transpose();
    v.noalias() = x * inputs.wv.rows_matrix().transpose();
    y.noalias() = q * inputs.wo.rows_matrix().transpose();
    benchmark::DoNotOptimize(y.data());
  }
  const auto t = static_cast<double>(kPrefillTokens);
  set_rates(state, step_flops(config, t, 0), "GFLOP/s");
  interp::set_numeric_threads(0);
}

template <class Scalar>
void BM_PrefillInterpreter(benchmark::State& state) {
  interp::set_numeric_threads(static_cast<int>(state.range(0)));
  const model::AttentionConfig config = llama_like(kPrefillTokens, 0);
  const auto inputs = interp::make_inputs<Scalar>(config, 1);
  const props::Step step{model::StepKind::kPrefill, 0, config.prompt_len, "prefill"};
  for (auto _ : state) {
    interp::NumericInterpreter<Scalar> interpreter(config, inputs);
    if (!interpreter.setup(program(step.kind), config.assignment()))
      state.SkipWithError("setup failed");
    auto out = interpreter.step(program(step.kind), props::step_assignment(config, step));
    if (!out) state.SkipWithError("forward failed");
    benchmark::DoNotOptimize(out);
  }
  const auto t = static_cast<double>(kPrefillTokens);
  set_rates(state, step_flops(config, t, t), "GFLOP/s");
  interp::set_numeric_threads(0);
}

/// One decode step (the token at position 512) after a 512-token prefill, repeated: each
/// iteration writes the same cache slot and reads the same 513 keys.
template <class Scalar>
void BM_DecodeStepFused(benchmark::State& state) {
  interp::set_numeric_threads(static_cast<int>(state.range(0)));
  const model::AttentionConfig config = llama_like(kDecodeAfter, 1);
  const auto inputs = interp::make_inputs<Scalar>(config, 1);
  interp::FusedEngine<Scalar> engine(config, inputs);
  const props::Step prefill{model::StepKind::kPrefill, 0, kDecodeAfter, "prefill"};
  const props::Step decode{model::StepKind::kDecode, kDecodeAfter, 1, "decode 1"};
  if (!engine.setup(program(prefill.kind), config.assignment()) ||
      !engine.step(program(prefill.kind), props::step_assignment(config, prefill))) {
    state.SkipWithError("prefill failed");
  }
  const sym::Assignment env = props::step_assignment(config, decode);
  for (auto _ : state) {
    auto out = engine.step(program(decode.kind), env);
    if (!out || !engine.last_step_fused()) state.SkipWithError("decode failed or not fused");
    benchmark::DoNotOptimize(out);
  }
  set_rates(state, step_flops(config, 1, kDecodeAfter + 1), "GFLOP/s");
  // Every decode step reads the four projection weights once: its floor is their size over
  // the memory bandwidth (bench/machine_bench.cpp).
  const double weights = static_cast<double>(sizeof(Scalar)) * static_cast<double>(config.hidden) *
                         static_cast<double>(2 * config.n_heads + 2 * config.n_kv_heads) *
                         static_cast<double>(config.head_dim);
  state.counters["weight GB/s"] = benchmark::Counter(
      weights * static_cast<double>(state.iterations()) / 1e9, benchmark::Counter::kIsRate);
  interp::set_numeric_threads(0);
}

BENCHMARK_TEMPLATE(BM_PrefillFused, float)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_PrefillProjections)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(BM_PrefillInterpreter, float)
    ->Arg(2)
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK_TEMPLATE(BM_PrefillFused, double)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK_TEMPLATE(BM_DecodeStepFused, float)
    ->Arg(1)
    ->Arg(2)
    ->Unit(benchmark::kMicrosecond)
    ->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
