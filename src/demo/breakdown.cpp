// find_breakdown: the first failing property of a variant, as evidence a student can read.
#include "kvcheck/demo/breakdown.hpp"

#include <algorithm>

#include "kvcheck/check/replay.hpp"
#include "kvcheck/check/verdict.hpp"
#include "kvcheck/props/property.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::demo {
namespace {

/// Properties that name a cause come first: a shape error names the op, the footprint
/// names the allocation, the head map names the heads; output differences only show that
/// something is wrong. Properties missing here (added later) are tried last.
const std::vector<std::string>& explain_order() {
  static const std::vector<std::string> order{"shape-safety",    "cache-footprint",
                                              "head-mapping",    "output-equivalence",
                                              "chunked-prefill", "mha-reduction"};
  return order;
}

std::vector<const props::Property*> properties_in_explain_order() {
  std::vector<const props::Property*> out;
  for (const std::string& id : explain_order()) {
    if (const props::Property* p = props::find_property(id)) out.push_back(p);
  }
  for (const props::Property* p : props::property_registry()) {
    if (std::find(out.begin(), out.end(), p) == out.end()) out.push_back(p);
  }
  return out;
}

/// The rule's own sentence without the "; fails whenever ..." tail, which the breakdown
/// states in its own fields.
std::string sentence(const std::string& message) {
  return message.substr(0, message.find("; "));
}

/// The prover sizes the cache as prompt_len + decode_steps + cache_spare so that capacity is
/// provable; the walkthrough calls that length max_seq_len, and so does its reason.
std::string with_max_seq_len(std::string text) {
  const std::string cache_len = props::symbolic_cache_len().to_string();
  for (auto at = text.find(cache_len); at != std::string::npos; at = text.find(cache_len, at)) {
    text.replace(at, cache_len.size(), "max_seq_len");
  }
  return text;
}

Breakdown from_proof(const check::Verdict& v) {
  const interp::OpFailure& f = *v.proof->failure;
  Breakdown b;
  b.evidence = Evidence::kProof;
  b.property = v.property;
  b.step = v.proof->step;
  b.torch_op = f.error.op;
  b.pseudo = f.op.pseudo;
  b.reason = with_max_seq_len(sentence(f.error.message));
  b.condition = f.error.condition;
  if (f.error.smallest) b.smallest = f.error.smallest->to_string();
  return b;
}

Breakdown from_search(const check::Verdict& v) {
  const props::Failure& f = *v.search.failure;
  Breakdown b;
  b.evidence = Evidence::kSearch;
  b.property = v.property;
  b.step = f.step;
  if (f.op_failure) {
    b.torch_op = f.op_failure->error.op;
    b.pseudo = f.op_failure->op.pseudo;
    b.reason = sentence(f.op_failure->error.message);
  } else {
    b.reason = f.message;
  }
  b.smallest = check::config_spec(v.search.counterexample->config);
  return b;
}

/// What `property` finds on the demo's config. Hidden only feeds the projections, so a
/// real model's hidden size is cut down to keep the numeric properties instant.
std::string check_here(const props::Property& property, const model::Variant& variant,
                       const model::AttentionConfig& config, std::uint64_t seed) {
  model::AttentionConfig small = config;
  small.hidden = std::min<std::int64_t>(small.hidden, 16);
  const auto failure = property.check({property.adapt(small), variant.impl, seed});
  return failure ? failure->message : "";
}

}  // namespace

Breakdown find_breakdown(const model::Variant& variant, const model::AttentionConfig& config,
                         std::uint64_t seed, int cases) {
  check::SearchParams params;
  params.seed = seed;
  params.max_success = cases;
  for (const props::Property* p : properties_in_explain_order()) {
    const check::Verdict v = check::verify(variant.name, variant.impl, *p, params);
    if (!v.fails()) continue;
    Breakdown b;
    if (v.proof && v.proof->truth == sym::Truth::kRefuted && v.proof->failure) {
      b = from_proof(v);
    } else if (v.search.failure && v.search.counterexample) {
      b = from_search(v);
    } else {
      continue;
    }
    b.here = check_here(*p, variant, config, seed);
    return b;
  }
  return {};
}

}  // namespace kvcheck::demo
