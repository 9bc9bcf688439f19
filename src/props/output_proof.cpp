// prove_output: shapes, heads and positions, each decided for every configuration, combined
// into one verdict per output property.
#include "kvcheck/props/output_proof.hpp"

#include "kvcheck/index/condition.hpp"
#include "kvcheck/props/head_proof.hpp"
#include "kvcheck/props/position_proof.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {
namespace {

/// One refuted part, ready to be reported.
struct Refutation {
  sym::Assignment smallest;
  Proof proof;
};

/// The op of the prefill program whose pseudo-code is `pseudo` (the first op otherwise).
model::Op op_with_pseudo(const model::Implementation& impl, const std::string& pseudo) {
  for (const auto kind : {model::StepKind::kPrefill, model::StepKind::kDecode}) {
    const model::Program p = model::build_program(impl, model::symbolic_step(kind));
    for (const model::Op& op : p.step) {
      if (op.pseudo == pseudo) return op;
    }
  }
  return model::build_program(impl, model::symbolic_step(model::StepKind::kPrefill)).step.front();
}

Proof semantic_refutation(const model::Implementation& impl, const std::string& obligation,
                          const std::string& pseudo, const std::string& condition,
                          const sym::Assignment& smallest, const std::string& where,
                          const std::string& step) {
  Proof p;
  p.truth = sym::Truth::kRefuted;
  p.step = step;
  shape::ShapeError e;
  const model::Op op = op_with_pseudo(impl, pseudo);
  e.op = op.torch_op;
  e.condition = condition;
  e.smallest = smallest;
  e.message = op.torch_op + ": " + obligation + " does not hold" +
              (where.empty() ? "" : " (" + where + ")") + "; fails whenever " + condition +
              ", smallest: " + smallest.to_string();
  p.message = e.message;
  p.failure = interp::OpFailure{false, 0, op, e};
  return p;
}

}  // namespace

Proof with_fixed(Proof proof, const FixedSymbols& fixed) {
  if (proof.failure && proof.failure->error.smallest) {
    set_constants(*proof.failure->error.smallest, fixed);
  }
  return proof;
}

FixedSymbols model_heads(const HeadCounts& heads) {
  namespace s = sym::symbols;
  return {{s::n_kv_heads(), sym::Dim(heads.n_kv_heads)},
          {s::group(), sym::Dim(heads.group)},
          {s::head_dim(), sym::Dim(heads.head_dim)}};
}

Proof prove_output(const model::Implementation& impl, OutputClaim claim,
                   const std::optional<HeadCounts>& heads) {
  namespace s = sym::symbols;
  FixedSymbols fixed;   // every symbol fixed: shapes and counter-models
  FixedSymbols in_program;  // fixed inside the head proof's program
  FixedSymbols after;       // fixed only in the head proof's conditions
  const bool mha = claim == OutputClaim::kMhaReduction;
  if (mha) in_program = {{s::group(), sym::Dim(1)}};
  if (heads) {
    // The MHA reduction speaks about n_kv_heads = n_heads of the model.
    after = {{s::n_kv_heads(), sym::Dim(mha ? heads->n_kv_heads * heads->group : heads->n_kv_heads)}};
    if (!mha) after.push_back({s::group(), sym::Dim(heads->group)});
  }
  fixed = in_program;
  fixed.insert(fixed.end(), after.begin(), after.end());
  // head_dim enters shapes and counter-models; positions only see whether it is >= 2.
  if (heads) fixed.push_back({s::head_dim(), sym::Dim(heads->head_dim)});
  Proof out;
  std::vector<Refutation> refuted;
  std::string unknown;

  ShapeScope scope;
  scope.fixed = fixed;
  scope.prefill_only = claim == OutputClaim::kHeadMapping;
  Proof shapes = with_fixed(prove_shapes(impl, scope), fixed);
  out.steps.push_back(std::string("shapes: ") +
                      (shapes.truth == sym::Truth::kProved ? "every op's rule holds"
                                                           : shapes.message));
  if (shapes.truth == sym::Truth::kRefuted && shapes.failure && shapes.failure->error.smallest) {
    refuted.push_back({*shapes.failure->error.smallest, shapes});
  } else if (shapes.truth != sym::Truth::kProved) {
    unknown = "shapes: " + shapes.message;
  }

  if (claim != OutputClaim::kChunkedPrefill) {
    const HeadVerdict hv = prove_heads(impl, in_program, after);
    for (const std::string& line : hv.steps) out.steps.push_back("heads: " + line);
    if (hv.truth == sym::Truth::kRefuted) {
      if (auto at = hv.fails.smallest()) {
        set_constants(*at, fixed);
        refuted.push_back({*at, semantic_refutation(impl, hv.obligation, hv.op_pseudo,
                                                    hv.fails.text(), *at, hv.where, "prefill")});
      }
    } else if (hv.truth == sym::Truth::kUnknown && unknown.empty()) {
      unknown = "heads: " + hv.reason;
    }
  }

  const PositionClaim positions = claim == OutputClaim::kHeadMapping ? PositionClaim::kNoZeroSlotInPrefill
                                  : claim == OutputClaim::kChunkedPrefill ? PositionClaim::kChunkedEqualsWhole
                                                                          : PositionClaim::kReferenceAttention;
  const PositionVerdict pos = prove_positions(impl, positions);
  for (const std::string& line : pos.steps) out.steps.push_back("positions: " + line);
  if (pos.truth == sym::Truth::kRefuted && pos.smallest) {
    sym::Assignment at = *pos.smallest;
    set_constants(at, fixed);
    refuted.push_back({at, semantic_refutation(impl, pos.obligation, pos.op_pseudo, pos.condition,
                                               at, pos.where, pos.where.substr(0, pos.where.find(',')))});
  } else if (pos.truth == sym::Truth::kUnknown && unknown.empty()) {
    unknown = "positions: " + pos.reason;
  }

  if (!refuted.empty()) {
    std::size_t best = 0;
    for (std::size_t r = 1; r < refuted.size(); ++r) {
      if (index::smaller_counter_model(refuted[r].smallest, refuted[best].smallest)) best = r;
    }
    Proof p = refuted[best].proof;
    // Every refuted part's condition, so the report says all the ways it fails.
    std::vector<std::string> steps = out.steps;
    if (refuted.size() > 1) {
      for (const Refutation& r : refuted) steps.push_back("also refuted: " + r.proof.message);
    }
    p.steps = std::move(steps);
    return p;
  }
  if (!unknown.empty()) {
    out.truth = sym::Truth::kUnknown;
    out.message = unknown;
    return out;
  }
  out.truth = sym::Truth::kProved;
  out.message = claim == OutputClaim::kChunkedPrefill
                    ? "chunked prefill leaves the outputs and the cache of prefill at once"
                    : "every query attends to exactly the tokens at or before its own, through "
                      "kv head h / group, with RoPE distances equal to token distances";
  return out;
}

}  // namespace kvcheck::props
