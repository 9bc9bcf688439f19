// op_shape: the shape of one program op from its operands' shapes, by the shared PyTorch
// shape rules. Every interpreter (symbolic, concrete, numeric) calls this, so all three find
// a shape error in the same op with the same message.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "kvcheck/model/program.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::interp {

/// Turns an op's symbolic attribute (a size, a position) into the interpreter's dim type.
template <class D>
using DimEval = std::function<D(const sym::Dim&)>;

/// The identity, for symbolic interpretation.
DimEval<sym::Dim> symbolic_eval();
/// Evaluation under `values` (config symbols plus the step's pos, chunk_len, max_seq_len).
/// A symbol missing from `values` is a bug in the caller: std::logic_error.
DimEval<std::int64_t> concrete_eval(const sym::Assignment& values);

/// Applies the rule of `op.kind` to `args` (shapes of op.args, in order).
template <class D>
shape::ShapeResult<D> op_shape(const model::Op& op, const std::vector<shape::Shape<D>>& args,
                               const DimEval<D>& eval);

}  // namespace kvcheck::interp
