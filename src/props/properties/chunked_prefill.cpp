// chunked-prefill: feeding the prompt in chunks changes nothing, outputs or cache.
#include "kvcheck/props/properties/chunked_prefill.hpp"

#include "kvcheck/props/numeric_run.hpp"
#include "kvcheck/props/output_proof.hpp"

namespace kvcheck::props {

std::string ChunkedPrefill::id() const { return "chunked-prefill"; }

std::string ChunkedPrefill::description() const {
  return "Prefill in chunks (then decode) gives the same outputs and the same cache contents "
         "as prefill of the whole prompt at once.";
}

model::AttentionConfig ChunkedPrefill::adapt(model::AttentionConfig config) const {
  // A prompt of one token cannot be chunked; anything longer is split at least once.
  if (!config.prefill_chunk && config.prompt_len >= 2) config.prefill_chunk = config.prompt_len / 2;
  return config;
}

std::optional<Failure> ChunkedPrefill::check(const Case& c) const {
  const auto inputs = interp::make_inputs<double>(c.config, c.seed);
  CachedRun chunked = run_cached(c, inputs, c.config.prefill_chunk);
  if (chunked.failure) return chunked.failure;
  CachedRun whole = run_cached(c, inputs, std::nullopt);
  if (whole.failure) return whole.failure;
  if (auto f = output_mismatch(c.config, whole.output, chunked.output, whole.tokens,
                                "chunked prefill output differs from prefill at once")) {
    return f;
  }
  for (const auto& [name, buffer] : whole.caches) {
    const Tensor& other = chunked.caches.at(name);
    const double gap = (buffer.data() - other.data()).cwiseAbs().maxCoeff();
    if (gap > tolerance_for(buffer)) {
      Failure f;
      f.message = name + " after chunked prefill differs from prefill at once by " +
                  std::to_string(gap);
      return f;
    }
  }
  return std::nullopt;
}

std::optional<Proof> ChunkedPrefill::prove(const model::Implementation& impl) const {
  return prove_output(impl, OutputClaim::kChunkedPrefill);
}

std::optional<Proof> ChunkedPrefill::prove_for(const model::Implementation& impl,
                                      const HeadCounts& heads) const {
  return prove_output(impl, OutputClaim::kChunkedPrefill, heads);
}

}  // namespace kvcheck::props
