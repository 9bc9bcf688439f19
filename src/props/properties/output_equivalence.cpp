// output-equivalence: the cached, step-by-step forward equals an independent full forward.
#include "kvcheck/props/properties/output_equivalence.hpp"

#include "kvcheck/interp/reference.hpp"
#include "kvcheck/props/numeric_run.hpp"
#include "kvcheck/props/output_proof.hpp"

namespace kvcheck::props {

std::string OutputEquivalence::id() const { return "output-equivalence"; }

std::string OutputEquivalence::description() const {
  return "Every position's output through prefill and decode with the cache equals a plain "
         "causal GQA forward over the whole sequence (query head h reads kv head h / group), "
         "within 1e-9 relative to the largest output.";
}

std::optional<Failure> OutputEquivalence::check(const Case& c) const {
  const auto inputs = interp::make_inputs<double>(c.config, c.seed);
  CachedRun run = run_cached(c, inputs, c.config.prefill_chunk);
  if (run.failure) return run.failure;
  const Tensor expected = interp::reference_forward(c.config, inputs);
  return output_mismatch(c.config, expected, run.output, run.tokens,
                         "output differs from the full forward");
}

std::optional<Proof> OutputEquivalence::prove(const model::Implementation& impl) const {
  return prove_output(impl, OutputClaim::kOutputEquivalence);
}

std::optional<Proof> OutputEquivalence::prove_for(const model::Implementation& impl,
                                      const HeadCounts& heads) const {
  return prove_output(impl, OutputClaim::kOutputEquivalence, heads);
}

}  // namespace kvcheck::props
