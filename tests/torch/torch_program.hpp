// TorchProgram: a model::Program's ops translated one by one into libtorch calls in float64,
// holding values the way the numeric interpreter does, so the two can be compared op by op.
#pragma once

#include <ATen/ATen.h>

#include <map>
#include <string>
#include <vector>

#include "kvcheck/interp/inputs.hpp"
#include "kvcheck/interp/op_shape.hpp"
#include "kvcheck/model/attention_config.hpp"
#include "kvcheck/model/program.hpp"

namespace kvcheck::torch_test {

/// Runs ops in libtorch. Each OpKind becomes the PyTorch call program.hpp names for it:
/// kInput narrow of the hidden states, kCacheAlloc zeros, kLinear linear (the weights copied
/// from ModelInputs), kView contiguous().view, kTranspose transpose, kRope torch_attention's
/// rope, kRepeatKv repeat_interleave or repeat, kCacheWrite index_copy_ with
/// arange(start, start + len), kCacheRead narrow, kMatmul matmul, kScale a multiply,
/// kCausalMask masked_fill_ of a copy, kSoftmax softmax and kSdpa torch_attention's attention.
class TorchProgram {
 public:
  /// `inputs` is copied; `config` gives the head_dim kScale divides by, as in the interpreter.
  TorchProgram(const model::AttentionConfig& config, const interp::ModelInputs<double>& inputs);

  /// Before setup: forgets every value.
  void forget_all() { values_.clear(); }
  /// Before a step: forgets every value but the cache buffers, which persist.
  void forget_all_but(const std::vector<std::string>& caches);

  /// Runs `op` (one of `program`'s, its sizes evaluated by `eval`) and returns the value it
  /// defines. Raises c10::Error where libtorch refuses the call; a value that no earlier op
  /// defined is a bug in the program or here and raises std::logic_error.
  const at::Tensor& run(const model::Op& op, const model::Program& program,
                        const interp::DimEval<std::int64_t>& eval);

 private:
  at::Tensor compute(const model::Op& op, const model::Program& program,
                     const interp::DimEval<std::int64_t>& eval) const;
  const at::Tensor& arg(const model::Op& op, std::size_t i) const;
  const at::Tensor& weight(const std::string& name) const;

  double scale_;  ///< kScale's factor, 1 / sqrt(head_dim)
  at::Tensor x_;
  std::map<std::string, at::Tensor> weights_;
  std::map<std::string, at::Tensor> values_;
};

}  // namespace kvcheck::torch_test
