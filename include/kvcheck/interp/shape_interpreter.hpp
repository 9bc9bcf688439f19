// ShapeInterpreter<D>: runs a program over shapes only: symbolically (sym::Dim, for every
// configuration at once) or concretely (int64_t, for one configuration and step).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/interp/op_shape.hpp"

namespace kvcheck::interp {

/// The op that failed and why.
struct OpFailure {
  bool in_setup = false;
  std::size_t index = 0;  ///< position in Program::setup or Program::step
  model::Op op;
  shape::ShapeError error;
};

/// One op and the shape it produced, for traces, proofs and the demo.
template <class D>
struct OpShape {
  const model::Op* op;
  shape::Shape<D> shape;
  std::vector<shape::Shape<D>> args;
};

/// Interprets programs over shapes, keeping the cache buffers' shapes across steps.
template <class D>
class ShapeInterpreter {
 public:
  /// Runs the setup ops (the cache allocations).
  std::optional<OpFailure> setup(const model::Program& program, const DimEval<D>& eval);
  /// Runs one step; stops at the first op whose rule fails.
  std::optional<OpFailure> step(const model::Program& program, const DimEval<D>& eval);

  /// The current shape of a named value (e.g. "cache_k"), or nullptr.
  const shape::Shape<D>* value(const std::string& name) const;
  /// The ops of the last setup or step that ran, with their shapes.
  const std::vector<OpShape<D>>& trace() const { return trace_; }

 private:
  std::optional<OpFailure> run(const std::vector<model::Op>& ops, bool in_setup,
                               const DimEval<D>& eval);
  std::map<std::string, shape::Shape<D>> values_;
  std::vector<OpShape<D>> trace_;
};

extern template class ShapeInterpreter<sym::Dim>;
extern template class ShapeInterpreter<std::int64_t>;

}  // namespace kvcheck::interp
