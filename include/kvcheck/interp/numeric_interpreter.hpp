// NumericInterpreter: runs a Program on numbers (Eigen), step by step through real,
// preallocated cache buffers, checking every op against the shared shape rules first.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <variant>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/op_shape.hpp"
#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/program.hpp"
#include "kvcheck/shape/shape_error.hpp"
#include "kvcheck/sym/assignment.hpp"

namespace kvcheck::interp {

/// The op whose shape rule failed, located as the shape interpreters locate it.
struct StepFailure {
  bool in_setup = false;     ///< the op is in Program::setup rather than Program::step
  std::size_t op_index = 0;  ///< position in that list
  std::string pseudo;        ///< the line of code the op stands for
  shape::ShapeError error;
};

/// Interprets programs on numbers with one configuration's sizes.
///
/// Every op first asks `op_shape<std::int64_t>` for its result shape; a rule that fails stops
/// the step with a StepFailure (a finding), before any number moves, so a cache write past
/// the buffer is reported rather than performed. When the rule holds, the op is computed and
/// its tensor's shape must equal the rule's: a difference is a bug in kvcheck and throws
/// std::logic_error. Values the program reads but never defined also throw std::logic_error.
template <class Scalar = double>
class NumericInterpreter {
 public:
  /// Called with each op and its value right after the op computes it, exactly once per op
  /// that ran and in program order (setup ops included); it may change the value in place
  /// (a probe), which later ops then read. The op's `result` names the value.
  using Observer = std::function<void(const model::Op& op, Tensor<Scalar>& value)>;

  /// `inputs` must outlive the interpreter (it is read at every step, not copied).
  NumericInterpreter(const model::AttentionConfig& config, const ModelInputs<Scalar>& inputs);

  /// Forgets every value and runs `program.setup` (the cache allocations, as zero-filled
  /// buffers). `env`: the config's symbols plus max_seq_len.
  Result<std::monostate, StepFailure> setup(const model::Program& program,
                                            const sym::Assignment& env);

  /// Runs `program.step` with `env` holding the config's symbols plus pos, chunk_len and
  /// max_seq_len; the input op reads tokens [pos, pos + chunk_len) of inputs.x. Values other
  /// than the caches do not survive from one step to the next. Returns the step's output
  /// (`program.output`, [batch, chunk_len, hidden] for a correct program).
  Result<Tensor<Scalar>, StepFailure> step(const model::Program& program,
                                           const sym::Assignment& env);

  void set_observer(Observer observer) { observer_ = std::move(observer); }

  /// The cache buffer `name` (one of Program::caches) as it is now, or nullptr before setup.
  const Tensor<Scalar>* cache(const std::string& name) const;
  /// Elements held by the cache buffer `name` (0 when there is none).
  std::int64_t cache_elements(const std::string& name) const;
  /// Elements held by every cache buffer together.
  std::int64_t total_cache_elements() const;
  /// The current value called `name` (a cache, or a value of the last step), or nullptr.
  const Tensor<Scalar>* value(const std::string& name) const;

 private:
  Result<std::monostate, StepFailure> run(const std::vector<model::Op>& ops, bool in_setup,
                                          const model::Program& program,
                                          const sym::Assignment& env);
  Tensor<Scalar> compute(const model::Op& op, const model::Program& program,
                         const DimEval<std::int64_t>& eval);
  const Tensor<Scalar>& arg(const model::Op& op, std::size_t i) const;

  model::AttentionConfig config_;
  const ModelInputs<Scalar>* inputs_;
  std::vector<std::string> caches_;
  std::map<std::string, Tensor<Scalar>> values_;
  Observer observer_;
};

extern template class NumericInterpreter<float>;
extern template class NumericInterpreter<double>;

}  // namespace kvcheck::interp
