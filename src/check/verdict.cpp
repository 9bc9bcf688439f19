// verify: the symbolic proof and the concrete search, combined into one verdict.
#include "kvcheck/check/verdict.hpp"

namespace kvcheck::check {
model::AttentionConfig config_of(const sym::Assignment& witness) {
  namespace s = sym::symbols;
  auto value = [&](sym::Symbol sym, std::int64_t fallback) {
    auto v = witness.get(sym);
    return v ? *v : fallback;
  };
  model::AttentionConfig c;
  c.name = "counter-model";
  c.batch = value(s::batch(), 1);
  c.n_kv_heads = value(s::n_kv_heads(), 1);
  c.n_heads = c.n_kv_heads * value(s::group(), 1);
  c.head_dim = value(s::head_dim(), 1);
  c.hidden = value(s::hidden(), 1);
  c.prompt_len = value(s::prompt_len(), 1);
  c.decode_steps = value(s::decode_steps(), 0);
  c.max_seq_len = value(s::max_seq_len(), c.total_tokens() + value(s::cache_spare(), 0));
  // A position proof's counter-model names the chunk size of a chunked prefill; a shape
  // proof's chunk step names chunk_len together with its pos, and is no run's chunk size.
  if (auto chunk = witness.get(s::chunk_len()); chunk && !witness.contains(s::pos()) &&
                                                *chunk < c.prompt_len) {
    c.prefill_chunk = *chunk;
  }
  return c;
}

namespace {

/// A refuted proof whose search found nothing: its counter-model must fail concretely (it
/// becomes the verdict's counterexample), or the prover and the numbers disagree.
void confirm_counter_model(Verdict& v, const props::Property& property, const props::Proof& proof,
                           const std::string& what) {
  if (!proof.failure || !proof.failure->error.smallest) return;
  props::Case c{property.adapt(config_of(*proof.failure->error.smallest)), v.impl, v.seed};
  if (auto f = property.check(c)) {
    v.search.counterexample = c;
    v.search.failure = std::move(f);
  } else {
    v.status = Status::kInconsistent;
    v.note = what + " at " + c.config.summary() + ", which passes concretely";
  }
}

}  // namespace

std::string to_string(Status s) {
  switch (s) {
    case Status::kProved:
      return "PROVED";
    case Status::kChecked:
      return "CHECKED";
    case Status::kRefuted:
      return "REFUTED";
    case Status::kUnknown:
      return "UNKNOWN";
    case Status::kInconsistent:
      return "INCONSISTENT";
  }
  return "UNKNOWN";
}

Verdict verify(const std::string& variant, const model::Implementation& impl,
               const props::Property& property, const SearchParams& params) {
  Verdict v;
  v.variant = variant;
  v.impl = impl;
  v.property = property.id();
  v.seed = params.seed;
  v.proof = property.prove(impl);
  v.search = search(property, impl, params);

  if (!v.search.not_run.empty()) {
    v.status = Status::kUnknown;
    v.note = "not checked: " + v.search.not_run;
    return v;
  }
  if (!v.search.error.empty()) {
    v.status = Status::kInconsistent;
    v.note = v.search.error;
    return v;
  }
  if (!v.proof || v.proof->truth == sym::Truth::kUnknown) {
    v.status = v.search.failed() ? Status::kRefuted : (v.proof ? Status::kUnknown : Status::kChecked);
    return v;
  }
  if (v.proof->truth == sym::Truth::kProved) {
    if (!v.search.failed()) {
      v.status = Status::kProved;
    } else {
      v.status = Status::kInconsistent;
      v.note = "proved for every configuration, yet the search failed on " +
               v.search.counterexample->config.summary();
    }
    return v;
  }
  // Refuted symbolically: the search should agree; if its cases all passed, the prover's
  // own counter-model must fail concretely, or the two disagree.
  v.status = Status::kRefuted;
  if (!v.search.failed()) confirm_counter_model(v, property, *v.proof, "refuted symbolically");
  return v;
}

Verdict verify_model(const std::string& variant, const model::Implementation& impl,
                     const props::Property& property, const SearchParams& params,
                     const rc::Gen<model::AttentionConfig>& configs,
                     const SharedProof& proof,
                     const std::optional<props::Proof>& model_proof) {
  Verdict v;
  v.variant = variant;
  v.impl = impl;
  v.property = property.id();
  v.seed = params.seed;
  v.proof = proof;
  v.search = search(property, impl, params, configs);
  const bool proved = (v.proof && v.proof->truth == sym::Truth::kProved) ||
                      (model_proof && model_proof->truth == sym::Truth::kProved);
  if (!v.search.not_run.empty()) {
    v.status = Status::kUnknown;
    v.note = "not checked: " + v.search.not_run;
  } else if (!v.search.error.empty()) {
    v.status = Status::kInconsistent;
    v.note = v.search.error;
  } else if (v.search.failed()) {
    v.status = Status::kRefuted;
    if (proved) {
      v.status = Status::kInconsistent;
      v.note = "proved, yet the search failed on " + v.search.counterexample->config.summary();
    }
  } else if (model_proof && model_proof->truth == sym::Truth::kRefuted) {
    // Every generated run passed, but the proof for this model's head counts names a run
    // that fails: it must fail concretely, or the two disagree.
    v.status = Status::kRefuted;
    confirm_counter_model(v, property, *model_proof, "refuted for this model");
  } else {
    v.status = proved ? Status::kProved : Status::kChecked;
  }
  return v;
}

}  // namespace kvcheck::check
