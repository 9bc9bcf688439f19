// head-mapping: probes each kv head with its own constant value and reads which one every
// query head's attention output carries.
#include "kvcheck/props/properties/head_mapping.hpp"

#include <fmt/core.h>

#include <cmath>

#include "kvcheck/props/numeric_run.hpp"
#include "kvcheck/props/output_proof.hpp"

namespace kvcheck::props {

std::string HeadMapping::id() const { return "head-mapping"; }

std::string HeadMapping::description() const {
  return "Query head h attends to kv head h / group (interleaved, as repeat_interleave and "
         "PyTorch's enable_gqa do), checked by giving each kv head's values its own constant "
         "and reading it back from every query head's attention output during prefill.";
}

model::AttentionConfig HeadMapping::adapt(model::AttentionConfig config) const {
  // The mapping is a property of one attention call; prefill alone exercises it, and keeps
  // decode-only bugs (masking, positions) out of this property's findings.
  config.decode_steps = 0;
  return config;
}

std::optional<Failure> HeadMapping::check(const Case& c) const {
  const auto inputs = interp::make_inputs<double>(c.config, c.seed);
  const std::int64_t head_dim = c.config.head_dim;
  const std::int64_t group = c.config.group();
  std::optional<Failure> found;
  // Value of kv head j is the constant j + 1, so any convex mix of one head's values is j + 1.
  Observer probe = [&](const Step& step, const model::Op& op, Tensor& value) {
    if (op.kind == model::OpKind::kLinear && op.weight == "wv") {
      Tensor::Vector& data = value.data();
      const std::int64_t width = value.dim(-1);
      for (Eigen::Index i = 0; i < data.size(); ++i) {
        data[i] = static_cast<double>((i % width) / head_dim + 1);
      }
    }
    if (op.result != "attn" || found) return;
    // attn: [batch, n_heads, len, head_dim]
    for (std::int64_t b = 0; b < value.dim(0); ++b) {
      for (std::int64_t h = 0; h < value.dim(1); ++h) {
        const double expected = static_cast<double>(h / group + 1);
        for (std::int64_t i = 0; i < value.dim(2); ++i) {
          const double got = value(b, h, i, 0);
          if (std::abs(got - expected) <= 1e-9 * expected) continue;
          NumericDiff d{std::abs(got - expected), 1e-9 * expected, b, step.pos + i, h, 0,
                        expected, got};
          Failure f;
          f.step = step.label;
          f.diff = d;
          const double nearest = std::round(got);
          const bool a_kv_head = std::abs(got - nearest) <= 1e-6 && nearest >= 1 &&
                                 nearest <= static_cast<double>(value.dim(1) / group);
          f.message = step.label + ": query head " + std::to_string(h) +
                      (a_kv_head ? " reads kv head " +
                                       std::to_string(static_cast<std::int64_t>(nearest) - 1)
                                 : " reads " + fmt::format("{:.6g}", got) +
                                       ", no kv head's value (a mix with other slots)") +
                      ", expected kv head " + std::to_string(h / group) + " (h / group)";
          found = f;
          return;
        }
      }
    }
  };
  CachedRun run = run_cached(c, inputs, c.config.prefill_chunk, probe);
  if (run.failure) return run.failure;
  return found;
}

std::optional<Proof> HeadMapping::prove(const model::Implementation& impl) const {
  return prove_output(impl, OutputClaim::kHeadMapping);
}

std::optional<Proof> HeadMapping::prove_for(const model::Implementation& impl,
                                      const HeadCounts& heads) const {
  return prove_output(impl, OutputClaim::kHeadMapping, heads);
}

}  // namespace kvcheck::props
