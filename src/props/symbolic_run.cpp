// prove_shapes: shape safety for every configuration, by interpreting over sym::Dim.
#include "kvcheck/props/symbolic_run.hpp"

#include <map>
#include <mutex>

namespace kvcheck::props {
namespace {

Proof prove_shapes_uncached(const model::Implementation& impl, const ShapeScope& scope);

namespace s = sym::symbols;
using sym::Dim;

std::string op_line(const std::string& step, const interp::OpShape<Dim>& traced) {
  std::string args;
  for (const auto& a : traced.args) args += (args.empty() ? "" : ", ") + a.to_string();
  return step + ": " + traced.op->torch_op + "(" + args + ") -> " + traced.shape.to_string() +
         "    # " + traced.op->pseudo;
}

}  // namespace

sym::Dim symbolic_cache_len() {
  return Dim(s::prompt_len()) + Dim(s::decode_steps()) + Dim(s::cache_spare());
}

std::vector<SymbolicStep> symbolic_steps() {
  const Dim cache_len = symbolic_cache_len();
  return {
      {"prefill", {model::StepKind::kPrefill, Dim(0), Dim(s::prompt_len()), cache_len}},
      {"prefill chunk",
       {model::StepKind::kPrefill, Dim(s::pos()), Dim(s::chunk_len()),
        Dim(s::pos()) + Dim(s::chunk_len()) + Dim(s::cache_spare())}},
      {"decode",
       {model::StepKind::kDecode, Dim(s::prompt_len()) + Dim(s::decode_steps()) - Dim(1), Dim(1),
        cache_len}},
  };
}

model::Program substitute(model::Program program, sym::Symbol s, const Dim& by) {
  auto sub = [&](Dim& d) { d = d.substitute(s, by); };
  for (auto* ops : {&program.setup, &program.step}) {
    for (model::Op& op : *ops) {
      for (Dim& d : op.sizes) sub(d);
      sub(op.count);
      sub(op.in_features);
      sub(op.start);
      sub(op.len);
    }
  }
  sub(program.dims.pos);
  sub(program.dims.len);
  sub(program.dims.cache_len);
  return program;
}

void set_constants(sym::Assignment& point, const FixedSymbols& fixed) {
  for (const auto& [symbol, value] : fixed) {
    if (auto constant = value.constant_value()) point.set(symbol, *constant);
  }
}

model::Program substitute(model::Program program, const FixedSymbols& fixed) {
  for (const auto& [symbol, value] : fixed) program = substitute(std::move(program), symbol, value);
  return program;
}

Proof prove_shapes(const model::Implementation& impl, const ShapeScope& scope) {
  // A pure function of its arguments that every output property asks for: memoised.
  static std::mutex lock;
  static std::map<std::string, Proof> memo;
  std::string key = impl.describe() + (scope.prefill_only ? "|prefill" : "|all");
  for (const auto& [symbol, value] : scope.fixed) key += "|" + symbol.name() + "=" + value.to_string();
  {
    const std::lock_guard<std::mutex> guard(lock);
    if (auto it = memo.find(key); it != memo.end()) return it->second;
  }
  Proof proof = prove_shapes_uncached(impl, scope);
  const std::lock_guard<std::mutex> guard(lock);
  return memo.emplace(key, std::move(proof)).first->second;
}

namespace {

Proof prove_shapes_uncached(const model::Implementation& impl, const ShapeScope& scope) {
  Proof proof;
  const auto eval = interp::symbolic_eval();
  for (const SymbolicStep& step : symbolic_steps()) {
    if (scope.prefill_only && step.dims.kind == model::StepKind::kDecode) continue;
    model::Program program = model::build_program(impl, step.dims);
    program = substitute(std::move(program), scope.fixed);
    interp::ShapeInterpreter<Dim> run;
    auto failure = run.setup(program, eval);
    for (const auto& traced : run.trace()) proof.steps.push_back(op_line("setup", traced));
    if (!failure) {
      failure = run.step(program, eval);
      for (const auto& traced : run.trace()) proof.steps.push_back(op_line(step.label, traced));
    }
    if (failure) {
      proof.truth = failure->error.unknown ? sym::Truth::kUnknown : sym::Truth::kRefuted;
      proof.step = step.label;
      proof.message = step.label + ": " + failure->error.message;
      proof.failure = std::move(failure);
      return proof;
    }
  }
  proof.truth = sym::Truth::kProved;
  proof.message = "every op's shape rule holds for every configuration";
  return proof;
}

}  // namespace

}  // namespace kvcheck::props
