// run_lane: one implementation through setup, prefill and decode, interpreted over symbols
// and over the demo's numbers side by side, with the cache's fill after every step.
#include "kvcheck/demo/lane.hpp"

#include <stdexcept>

#include "kvcheck/interp/shape_interpreter.hpp"
#include "kvcheck/props/steps.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::demo {
namespace {

namespace s = sym::symbols;
using sym::Dim;
using SymRun = interp::ShapeInterpreter<Dim>;
using NumRun = interp::ShapeInterpreter<std::int64_t>;

/// The prover's step of `kind` (prefill at position 0, or the last decode step): these
/// stand for every run, so what the symbolic interpreter proves there holds everywhere.
model::StepDims prover_dims(model::StepKind kind) {
  const std::string label = kind == model::StepKind::kPrefill ? "prefill" : "decode";
  for (const props::SymbolicStep& step : props::symbolic_steps()) {
    if (step.label == label) return step.dims;
  }
  throw std::logic_error("the prover has no '" + label + "' step");
}

/// The prover sizes the cache as prompt_len + decode_steps + cache_spare and puts the
/// decode step at prompt_len + decode_steps - 1 (so capacity is provable). A student reads
/// max_seq_len and pos; both substitutions are invertible, so no fact changes.
Dim readable(const Dim& d) {
  const Dim spare = Dim(s::max_seq_len()) - Dim(s::prompt_len()) - Dim(s::decode_steps());
  const Dim decode_steps = Dim(s::pos()) + Dim(1) - Dim(s::prompt_len());
  return d.substitute(s::cache_spare(), spare).substitute(s::decode_steps(), decode_steps);
}

std::string readable(const shape::Shape<Dim>& shape) {
  std::vector<Dim> dims;
  for (const Dim& d : shape.dims) dims.push_back(readable(d));
  return shape::Shape<Dim>(std::move(dims)).to_string();
}

/// The rows of one op list from what each interpreter traced and where it stopped.
std::vector<OpRow> rows_of(const std::vector<model::Op>& ops, const SymRun& symbolic,
                           const std::optional<interp::OpFailure>& symbolic_failure,
                           const NumRun* concrete,
                           const std::optional<interp::OpFailure>& concrete_failure) {
  std::vector<OpRow> rows;
  for (std::size_t i = 0; i < ops.size(); ++i) {
    OpRow row;
    row.pseudo = ops[i].pseudo;
    row.torch_op = ops[i].torch_op;
    if (i < symbolic.trace().size()) row.symbolic = readable(symbolic.trace()[i].shape);
    if (symbolic_failure && symbolic_failure->index == i) {
      const shape::ShapeError& e = symbolic_failure->error;
      row.symbolic_failure = e.unknown ? "cannot be decided for every configuration" : e.condition;
    }
    if (concrete && i < concrete->trace().size()) {
      row.concrete = concrete->trace()[i].shape.to_string();
    }
    if (concrete_failure && concrete_failure->index == i) {
      row.concrete_failure = concrete_failure->error.message;
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

/// The cache buffer's shape after a step, with the fill of the step before it.
CacheFill cache_after(const model::Implementation& impl, const SymRun& symbolic,
                      const NumRun& concrete, const std::vector<int>& written_by) {
  const std::string name = "cache_k";
  CacheFill fill;
  fill.name = name;
  fill.kv_sized = impl.cache_heads == model::CacheHeads::kKvHeads;
  const bool blhd = impl.layout == model::CacheLayout::kBLHD;
  if (const auto* shape = symbolic.value(name)) fill.symbolic = readable(*shape);
  if (const auto* shape = concrete.value(name)) {
    fill.concrete = shape->to_string();
    fill.heads = (*shape)[blhd ? 2 : 1];
    fill.positions = (*shape)[blhd ? 1 : 2];
  }
  fill.written_by = written_by;
  fill.written_by.resize(static_cast<std::size_t>(fill.positions), -1);
  return fill;
}

/// Marks the positions the step's cache_k write covered, if that write ran.
void mark_written(const model::Program& program, const interp::DimEval<std::int64_t>& eval,
                  const std::optional<interp::OpFailure>& failure, int step_index,
                  CacheFill& fill) {
  for (std::size_t i = 0; i < program.step.size(); ++i) {
    const model::Op& op = program.step[i];
    if (op.kind != model::OpKind::kCacheWrite || op.result != fill.name) continue;
    if (failure && failure->index <= i) return;
    const std::int64_t start = eval(op.start);
    const std::int64_t end = start + eval(op.len);
    for (std::int64_t p = start; p < end && p < fill.positions; ++p) {
      fill.written_by[static_cast<std::size_t>(p)] = step_index;
    }
  }
}

}  // namespace

std::optional<std::pair<std::size_t, std::size_t>> Lane::failure() const {
  for (std::size_t i = 0; i < steps.size(); ++i) {
    if (steps[i].failed_op) return std::pair{i, *steps[i].failed_op};
  }
  return std::nullopt;
}

Lane run_lane(const model::Variant& variant, const model::AttentionConfig& config) {
  const model::Implementation& impl = variant.impl;
  const model::Program sym_prefill =
      model::build_program(impl, prover_dims(model::StepKind::kPrefill));
  const model::Program sym_decode =
      model::build_program(impl, prover_dims(model::StepKind::kDecode));
  const model::Program num_prefill =
      model::build_program(impl, model::symbolic_step(model::StepKind::kPrefill));
  const model::Program num_decode =
      model::build_program(impl, model::symbolic_step(model::StepKind::kDecode));
  const auto symbolic_eval = interp::symbolic_eval();

  Lane lane;
  lane.variant = &variant;
  SymRun symbolic;
  NumRun concrete;
  const auto run = props::run_steps(config, std::nullopt);

  LaneStep setup;
  setup.label = "setup";
  const auto setup_sym_failure = symbolic.setup(sym_prefill, symbolic_eval);
  const auto setup_num_failure = concrete.setup(
      num_prefill, interp::concrete_eval(props::step_assignment(config, run.front())));
  setup.ops = rows_of(num_prefill.setup, symbolic, setup_sym_failure, &concrete, setup_num_failure);
  if (setup_num_failure) setup.failed_op = setup_num_failure->index;
  setup.cache = cache_after(impl, symbolic, concrete, {});
  lane.steps.push_back(std::move(setup));

  bool stopped = lane.steps.front().failed_op.has_value();
  for (const props::Step& step : run) {
    const bool prefill = step.kind == model::StepKind::kPrefill;
    const model::Program& sym_program = prefill ? sym_prefill : sym_decode;
    const model::Program& num_program = prefill ? num_prefill : num_decode;
    LaneStep out;
    out.label = step.label;
    out.pos = step.pos;
    out.len = step.len;
    out.reached = !stopped;
    const auto sym_failure = symbolic.step(sym_program, symbolic_eval);
    std::optional<interp::OpFailure> num_failure;
    CacheFill fill = lane.steps.back().cache;
    if (out.reached) {
      const auto eval = interp::concrete_eval(props::step_assignment(config, step));
      num_failure = concrete.step(num_program, eval);
      mark_written(num_program, eval, num_failure, static_cast<int>(lane.steps.size()), fill);
    }
    out.ops = rows_of(num_program.step, symbolic, sym_failure, out.reached ? &concrete : nullptr,
                      num_failure);
    if (num_failure) {
      out.failed_op = num_failure->index;
      stopped = true;
    }
    out.cache = fill;
    lane.steps.push_back(std::move(out));
  }
  return lane;
}

}  // namespace kvcheck::demo
