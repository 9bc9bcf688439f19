// ShapeInterpreter: walks a program's ops, binding each result's shape by its rule.
#include "kvcheck/interp/shape_interpreter.hpp"

#include <stdexcept>

namespace kvcheck::interp {

template <class D>
std::optional<OpFailure> ShapeInterpreter<D>::setup(const model::Program& program,
                                                    const DimEval<D>& eval) {
  return run(program.setup, true, eval);
}

template <class D>
std::optional<OpFailure> ShapeInterpreter<D>::step(const model::Program& program,
                                                   const DimEval<D>& eval) {
  return run(program.step, false, eval);
}

template <class D>
const shape::Shape<D>* ShapeInterpreter<D>::value(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? nullptr : &it->second;
}

template <class D>
std::optional<OpFailure> ShapeInterpreter<D>::run(const std::vector<model::Op>& ops, bool in_setup,
                                                  const DimEval<D>& eval) {
  trace_.clear();
  for (std::size_t i = 0; i < ops.size(); ++i) {
    const model::Op& op = ops[i];
    std::vector<shape::Shape<D>> args;
    for (const std::string& name : op.args) {
      const shape::Shape<D>* s = value(name);
      // The builder only reads names it defined earlier; anything else is our bug.
      if (!s) throw std::logic_error("program reads undefined value '" + name + "'");
      args.push_back(*s);
    }
    auto result = op_shape<D>(op, args, eval);
    if (!result) return OpFailure{in_setup, i, op, result.error()};
    values_[op.result] = *result;
    trace_.push_back({&op, *result, std::move(args)});
  }
  return std::nullopt;
}

template class ShapeInterpreter<sym::Dim>;
template class ShapeInterpreter<std::int64_t>;

}  // namespace kvcheck::interp
