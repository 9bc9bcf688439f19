// cache-footprint: 2 * batch * max_seq_len * n_kv_heads * head_dim elements per layer.
#include "kvcheck/props/properties/cache_footprint.hpp"

#include "kvcheck/props/program_cache.hpp"
#include "kvcheck/props/steps.hpp"
#include "kvcheck/props/output_proof.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {
namespace {

namespace s = sym::symbols;

/// Interprets the setup ops (the allocations) and sums the buffers' elements.
template <class D>
std::optional<std::pair<D, const model::Op*>> allocated(const model::Program& program,
                                                        const interp::DimEval<D>& eval) {
  interp::ShapeInterpreter<D> run;
  if (run.setup(program, eval)) return std::nullopt;
  D total = D(0);
  for (const std::string& name : program.caches) total = total + run.value(name)->numel();
  return std::pair{total, &program.setup.front()};
}

sym::Dim needed_symbolic() {
  using sym::Dim;
  return Dim(2) * Dim(s::batch()) * Dim(s::max_seq_len()) * Dim(s::n_kv_heads()) *
         Dim(s::head_dim());
}

}  // namespace

std::string CacheFootprint::id() const { return "cache-footprint"; }

std::string CacheFootprint::description() const {
  return "The KV cache holds exactly 2 * batch * max_seq_len * n_kv_heads * head_dim elements "
         "per layer: only the kv heads it needs, never the repeated ones.";
}

std::optional<Failure> CacheFootprint::check(const Case& c) const {
  const model::Program& program = step_program(c.impl, model::StepKind::kPrefill);
  auto got = allocated<std::int64_t>(program, interp::concrete_eval(c.config.assignment()));
  if (!got) return std::nullopt;  // an allocation that fails is shape-safety's finding
  const std::int64_t need =
      2 * c.config.batch * c.config.max_seq_len * c.config.n_kv_heads * c.config.head_dim;
  if (got->first == need) return std::nullopt;
  Failure f;
  f.step = "setup";
  shape::Obligation always{sym::Truth::kRefuted, "always", std::nullopt};
  f.op_failure = interp::OpFailure{
      true, 0, *got->second,
      shape::make_shape_error("zeros", {}, "cache buffers hold more elements than GQA needs",
                              std::to_string(got->first), std::to_string(need), always)};
  f.message = "setup: the cache holds " + std::to_string(got->first) + " elements per layer, " +
              "it needs " + std::to_string(need) + " (2 * batch * max_seq_len * n_kv_heads * " +
              "head_dim): " + std::to_string(got->first / need) + "x the memory";
  return f;
}

std::optional<Proof> CacheFootprint::prove(const model::Implementation& impl) const {
  return prove_footprint(impl, {});
}

std::optional<Proof> CacheFootprint::prove_for(const model::Implementation& impl,
                                               const HeadCounts& heads) const {
  return with_fixed(prove_footprint(impl, model_heads(heads)), model_heads(heads));
}

Proof prove_footprint(const model::Implementation& impl, const FixedSymbols& fixed) {
  model::StepDims dims = model::symbolic_step(model::StepKind::kPrefill);
  const model::Program program = substitute(model::build_program(impl, dims), fixed);
  auto got = allocated<sym::Dim>(program, interp::symbolic_eval());
  Proof proof;
  if (!got) {
    proof.truth = sym::Truth::kUnknown;
    proof.message = "the cache allocation itself has no shape";
    return proof;
  }
  sym::Dim need = needed_symbolic();
  for (const auto& [symbol, value] : fixed) need = need.substitute(symbol, value);
  const shape::Obligation ob = shape::DimOps<sym::Dim>::require_equal(got->first, need);
  proof.steps.push_back("setup: cache elements " + got->first.to_string() + " == " +
                        need.to_string());
  if (ob.holds()) {
    proof.truth = sym::Truth::kProved;
    proof.message = "the cache holds exactly " + need.to_string() + " elements";
    return proof;
  }
  proof.truth = sym::Truth::kRefuted;
  proof.step = "setup";
  proof.failure = interp::OpFailure{
      true, 0, *got->second,
      shape::make_shape_error("zeros", {}, "cache buffers hold more elements than GQA needs",
                              got->first.to_string(), need.to_string(), ob)};
  proof.message = "setup: " + proof.failure->error.message;
  return proof;
}

}  // namespace kvcheck::props
