// mha-reduction: with as many kv heads as query heads, GQA code is multi-head attention.
#include "kvcheck/props/properties/mha_reduction.hpp"

#include "kvcheck/interp/reference.hpp"
#include "kvcheck/props/numeric_run.hpp"
#include "kvcheck/props/output_proof.hpp"

namespace kvcheck::props {

std::string MhaReduction::id() const { return "mha-reduction"; }

std::string MhaReduction::description() const {
  return "With n_kv_heads == n_heads (group 1) the cached forward equals plain multi-head "
         "attention, where query head h reads kv head h: GQA code must not break MHA models.";
}

model::AttentionConfig MhaReduction::adapt(model::AttentionConfig config) const {
  config.n_kv_heads = config.n_heads;
  return config;
}

std::optional<Failure> MhaReduction::check(const Case& c) const {
  const auto inputs = interp::make_inputs<double>(c.config, c.seed);
  CachedRun run = run_cached(c, inputs, c.config.prefill_chunk);
  if (run.failure) return run.failure;
  const Tensor expected =
      interp::reference_forward(c.config, inputs, interp::HeadMapping::kPerHead);
  return output_mismatch(c.config, expected, run.output, run.tokens,
                         "output differs from multi-head attention");
}

std::optional<Proof> MhaReduction::prove(const model::Implementation& impl) const {
  return prove_output(impl, OutputClaim::kMhaReduction);
}

std::optional<Proof> MhaReduction::prove_for(const model::Implementation& impl,
                                      const HeadCounts& heads) const {
  return prove_output(impl, OutputClaim::kMhaReduction, heads);
}

}  // namespace kvcheck::props
