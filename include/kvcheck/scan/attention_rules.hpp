// The rules a scan reports, checked where the interpreter meets the ops they are about: a
// write into a cache buffer (shape-safety, cache-footprint, rope-position), attention over
// queries and keys (missing-repeat, head-mapping, causal-mask-alignment) and a mask applied
// to scores (causal-mask-alignment). Each finding carries the condition for every
// configuration, the smallest one, related places and a one-line fix.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/scan/interpreter.hpp"
#include "kvcheck/scan/value.hpp"
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::scan {

/// `value` written into `region` of `target` (slice assignment, index_copy_, copy_, a cache
/// update or a concatenation with the past). `starts`: per region axis, the first index
/// written when known. `rule_error`: the op's own shape rule failure, when it has one.
void cache_write(Interpreter& in, const TensorValue& target, const TensorValue& region,
                 const TensorValue& value, const std::vector<std::optional<sym::Dim>>& starts,
                 const CodeLocation& at, const std::string& op, const std::string& code,
                 const std::optional<shape::ShapeError>& rule_error = std::nullopt);

/// What an attention call looks like to the rules.
struct AttentionCall {
  std::string op;  ///< "matmul", "scaled_dot_product_attention", "flash_attn_func"
  TensorValue q, k;
  /// Axis pairs (q axis, k axis) that index heads or batch; the head axis is among them.
  std::vector<std::pair<std::size_t, std::size_t>> batch_axes;
  /// Kernels that take fewer kv heads and map query head h to kv head h / group themselves.
  bool grouped_kernel = false;
  /// is_causal=True of SDPA: the mask is aligned top-left (query i sees keys 0..i).
  bool top_left_causal = false;
  std::size_t q_len_axis = 0, k_len_axis = 0;
  /// Features per head: the unit that turns a projection's feature index into a head index.
  sym::Dim head_dim;
  CodeLocation at;
  std::string code;
};

/// Checks the head mapping and the causal alignment of a call whose shapes are right.
void check_attention(Interpreter& in, const AttentionCall& call);

/// A shape rule failed in an attention op (matmul of queries and keys, of weights and
/// values, SDPA). Reports missing-repeat / shape-safety when both operands are projections
/// of the model's heads; otherwise records where the analysis stopped. Returns true when
/// the operands are attention operands.
bool attention_shape_error(Interpreter& in, const std::string& op, const TensorValue& a,
                           const TensorValue& b, const shape::ShapeError& error,
                           const CodeLocation& at, const std::string& code);

/// A shape rule failed where a mask meets scores (+, masked_fill, where, attn_mask).
/// Reports causal-mask-alignment when one side is a mask built in the code.
bool mask_shape_error(Interpreter& in, const std::string& op, const TensorValue& a,
                      const TensorValue& b, const shape::ShapeError& error,
                      const CodeLocation& at, const std::string& code);

/// True when some axis of `t` reads the output features of a projection (nn.Linear).
bool from_projection(const TensorValue& t);
bool axis_from_projection(const index::AxisMap& axis);

}  // namespace kvcheck::scan
