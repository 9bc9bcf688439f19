// FusedEngine: runs a Program on numbers like NumericInterpreter, but computes the attention
// as one fused kernel and reuses its buffers, for the forward at real sizes and for the
// property search. NumericInterpreter stays the reference it must agree with.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/numeric_interpreter.hpp"
#include "kvcheck/interp/tensor.hpp"
#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/program.hpp"
#include "kvcheck/sym/assignment.hpp"

namespace kvcheck::interp {

/// Interprets programs on numbers with one configuration's sizes, as NumericInterpreter does,
/// with the same findings and (within rounding) the same values:
///
/// - Every op of a step is first checked by the shared shape rules, all before any number
///   moves, so a failing step reports the same op and message and changes no cache.
/// - The ops from the cache reads to the flattened attention output, when they are the
///   attention sequence build_program writes (match_attention), run as one kernel: causal
///   attention in row blocks with an online softmax that never forms the scores and skips key
///   blocks the mask hides. Keys and values are read from the cache buffers in place; a
///   repeat_interleave after the read becomes the head index h / group. A tiling repeat, and
///   any repeat before the write, is a real copy, so a program that tiles or caches repeated
///   heads still computes what it computes.
/// - Anything else runs op by op on the interpreter's kernels.
/// - Buffers persist across steps and setups and are reused when their size fits; the
///   kernels (projections, RoPE, attention) use every numeric thread (set_numeric_threads).
///
/// Each program is compiled on first use (its values numbered, its attention matched), so a
/// program passed to setup or step must stay alive and unchanged while the engine is used,
/// as the programs of props::step_program do. Values other than the caches and the step's
/// output are not kept.
template <class Scalar = double>
class FusedEngine {
 public:
  /// `inputs` must outlive the engine.
  FusedEngine(const model::AttentionConfig& config, const ModelInputs<Scalar>& inputs);

  /// Points the engine at another configuration and its inputs, keeping its compiled
  /// programs and its buffers: a property search runs thousands of small cases through one
  /// engine. Call setup next.
  void rebind(const model::AttentionConfig& config, const ModelInputs<Scalar>& inputs) {
    config_ = config;
    inputs_ = &inputs;
  }

  /// Runs `program.setup`: the cache buffers, zero-filled (reusing the previous ones when
  /// their sizes are the same).
  Result<std::monostate, StepFailure> setup(const model::Program& program,
                                            const sym::Assignment& env);

  /// Runs `program.step`; the returned output stays valid until the next call.
  Result<const Tensor<Scalar>*, StepFailure> step(const model::Program& program,
                                                  const sym::Assignment& env);

  /// The cache buffer `name` as it is now, or nullptr before setup.
  const Tensor<Scalar>* cache(const std::string& name) const;
  std::int64_t total_cache_elements() const;
  /// Whether the last step ran its attention as the fused kernel (false: op by op).
  bool last_step_fused() const { return fused_; }

 private:
  struct Plan;  ///< a compiled program (fused_engine.cpp)

  const Plan& plan_of(const model::Program& program);
  std::size_t slot_of(const std::string& name);
  Result<std::monostate, StepFailure> check_shapes(const std::vector<model::Op>& ops,
                                                   const Plan& plan, bool in_setup,
                                                   const DimEval<std::int64_t>& eval);
  void execute(const model::Op& op, const Plan& plan, bool in_setup, std::size_t index,
               const model::Program& program, const DimEval<std::int64_t>& eval);
  bool run_attention(const Plan& plan, const DimEval<std::int64_t>& eval);
  Tensor<Scalar>& sized(std::size_t slot, const shape::Shape<std::int64_t>& shape);
  void require_shape(const model::Op& op, std::size_t slot, std::size_t index) const;

  model::AttentionConfig config_;
  const ModelInputs<Scalar>* inputs_;
  std::map<std::string, std::size_t> slots_;  ///< value name -> index into the vectors below
  std::vector<Tensor<Scalar>> values_;
  std::vector<shape::Shape<std::int64_t>> shapes_;
  std::vector<char> defined_;  ///< whether the slot holds a value of the current step
  std::vector<std::size_t> cache_slots_;
  bool caches_ready_ = false;  ///< the last setup succeeded, so the cache slots hold buffers
  std::map<const model::Program*, std::unique_ptr<Plan>> plans_;
  std::vector<shape::Shape<std::int64_t>> op_shapes_;   ///< each op's shape by the rules
  std::vector<shape::Shape<std::int64_t>> arg_shapes_;  ///< scratch: one op's operand shapes
  Tensor<Scalar> keys_copy_, values_copy_;              ///< a tiling repeat's copies
  bool fused_ = false;

 public:
  ~FusedEngine();
  FusedEngine(const FusedEngine&) = delete;
  FusedEngine& operator=(const FusedEngine&) = delete;
};

extern template class FusedEngine<float>;
extern template class FusedEngine<double>;

}  // namespace kvcheck::interp
