// prove_heads: the attention's head axis read back through the index semantics of the
// prefill program, compared with the reference pairing h -> h / group.
#include "kvcheck/props/head_proof.hpp"

#include <algorithm>

#include "kvcheck/interp/index_interpreter.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {
namespace {

namespace s = sym::symbols;
using index::AxisFunction;
using sym::Dim;

/// floor(a / lower) % extent * scale summed, at index a under `values`.
std::optional<std::int64_t> evaluate(const AxisFunction& f, std::int64_t a,
                                     const sym::Assignment& values) {
  std::int64_t out = 0;
  for (const index::Term& t : f.terms) {
    auto l = t.lower.evaluate(values);
    auto e = t.extent.evaluate(values);
    auto c = t.scale.evaluate(values);
    if (!l || !e || !c || *l <= 0 || *e <= 0) return std::nullopt;
    out += (a / *l) % *e * *c;
  }
  return out;
}

/// The op that decides which kv head the keys read: the repeat after the cache read, or
/// the attention itself.
const model::Op* pairing_op(const model::Program& p) {
  const model::Op* found = nullptr;
  for (const model::Op& op : p.step) {
    if (op.kind == model::OpKind::kRepeatKv && !found) found = &op;
  }
  for (const model::Op& op : p.step) {
    if (!found && (op.kind == model::OpKind::kMatmul || op.kind == model::OpKind::kSdpa)) found = &op;
  }
  return found;
}

struct Read {
  std::string what;
  std::string source;
  Dim unit;
  std::size_t axis;
};

}  // namespace

HeadVerdict prove_heads(const model::Implementation& impl, const FixedSymbols& fixed,
                        const FixedSymbols& at) {
  const model::Program program = substitute(
      model::build_program(impl, model::symbolic_step(model::StepKind::kPrefill)), fixed);
  return prove_heads(program, fixed, at);
}

HeadVerdict prove_heads(const model::Program& program, const FixedSymbols& program_fixed,
                        const FixedSymbols& after) {
  FixedSymbols fixed = program_fixed;
  fixed.insert(fixed.end(), after.begin(), after.end());
  HeadVerdict v;
  interp::IndexInterpreter run;
  if (auto failure = run.run(program)) {
    v.reason = "index semantics of '" + (failure->op ? failure->op->pseudo : "?") +
               "' are not modelled: " + failure->reason;
    return v;
  }
  const index::Axes* attn = run.value("attn");
  if (!attn || attn->size() != 4) {
    v.reason = "the program has no attention output [batch, heads, len, head_dim]";
    return v;
  }
  const Dim head_dim(s::head_dim());
  // The functions are over the program's own symbols; only conditions and points see `at`.
  auto fix_program = [&](Dim d) {
    for (const auto& [symbol, value] : program_fixed) d = d.substitute(symbol, value);
    return d;
  };
  const Dim group = fix_program(Dim(s::group()));
  const Dim heads = fix_program(Dim::n_heads());
  auto read = [&](const Read& r) -> Result<AxisFunction, index::IndexUnknown> {
    const index::AxisMap* view = (*attn)[r.axis].view_reading(r.source);
    if (!view) return unexpected(index::IndexUnknown{"the attention never reads " + r.what});
    return index::read_through(*view, r.source, r.unit);
  };
  auto q = read({"the query projection", "wq.out", head_dim, 1});
  auto k = read({"the key projection", "wk.out", head_dim, 1});
  auto val = read({"the value projection", "wv.out", head_dim, 1});
  auto qb = read({"the query's batch", "batch", Dim(1), 0});
  for (auto* r : {&q, &k, &val, &qb}) {
    if (!*r) {
      v.reason = r->error().reason;
      return v;
    }
  }
  auto expected_kv = index::divide_function(*q, group);
  if (!expected_kv) {
    v.reason = expected_kv.error().reason;
    return v;
  }
  /// A failed obligation with the index functions it compared.
  struct Failed {
    std::string text;
    index::Condition condition;
    AxisFunction got;
    AxisFunction want;
    bool kv_head;  ///< about which kv head a query head reads
  };
  std::vector<Failed> failures;
  auto decide = [&](const std::string& text, const AxisFunction& got, const AxisFunction& want,
                    const std::string& var, bool kv_head) -> bool {
    auto differ = index::differ_condition(got, want);
    if (!differ) {
      v.reason = text + ": " + differ.error().reason;
      return false;
    }
    index::Condition c = *differ;
    for (const auto& [symbol, value] : fixed) c = c.substitute(symbol, value);
    const std::string line = text + ": " + got.to_string(var) + (c.is_never() ? " == " : " vs ") +
                             want.to_string(var) +
                             (c.is_never() ? "" : "  (differ when " + c.text() + ")");
    if (std::find(v.steps.begin(), v.steps.end(), line) == v.steps.end()) v.steps.push_back(line);
    if (!c.is_never()) failures.push_back({text, c, got, want, kv_head});
    return true;
  };
  const AxisFunction identity = index::identity_function(heads);
  if (!decide("query head h reads query projection head h", *q, identity, "h", false)) return v;
  if (!decide("query head h reads key head h / group", *k, *expected_kv, "h", true)) return v;
  if (!decide("query head h reads value head h / group", *val, *expected_kv, "h", true)) return v;
  // The same batch row on every side: each lineage's batch index against the query's.
  for (const index::AxisMap& view : (*attn)[0].views) {
    auto b = index::read_through(view, "batch", Dim(1));
    if (!b) {
      v.reason = b.error().reason;
      return v;
    }
    if (!decide("every operand reads the query's batch row", *b, *qb, "b", false)) return v;
  }
  if (failures.empty()) {
    v.truth = sym::Truth::kProved;
    return v;
  }
  // The failing obligation with the smallest counter-model is the one reported.
  std::size_t best = 0;
  for (std::size_t f = 1; f < failures.size(); ++f) {
    auto a = failures[f].condition.smallest();
    auto b = failures[best].condition.smallest();
    if (a && b && index::smaller_counter_model(*a, *b)) best = f;
  }
  const Failed& worst = failures[best];
  v.truth = sym::Truth::kRefuted;
  v.obligation = worst.text;
  v.fails = worst.condition;
  if (const model::Op* op = pairing_op(program)) {
    v.op_pseudo = op->pseudo;
    v.op_name = op->torch_op;
  }
  if (auto at = v.fails.smallest()) {
    sym::Assignment point = *at;
    for (const sym::Symbol sym : {s::n_kv_heads(), s::group()}) {
      if (!point.contains(sym)) point.set(sym, sym.lower_bound());
    }
    set_constants(point, fixed);
    const std::int64_t n = *heads.evaluate(point);
    for (std::int64_t h = 0; h < n && worst.kv_head; ++h) {
      auto got = evaluate(worst.got, h, point);
      auto want = evaluate(worst.want, h, point);
      if (got && want && *got != *want) {
        v.where = "query head " + std::to_string(h) + " reads kv head " + std::to_string(*got) +
                  " instead of " + std::to_string(*want);
        break;
      }
    }
  }
  return v;
}

}  // namespace kvcheck::props
