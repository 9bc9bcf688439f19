// Program: the attention forward with a KV cache as data, a short list of ops built from an
// Implementation. Shapes, proofs, numbers and the teaching walkthrough all interpret this one
// list, so they can never disagree about what the code does.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/model/implementation.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::model {

/// What an op does; each kind maps to one PyTorch op (or a tiny composition documented here).
enum class OpKind {
  kInput,        ///< x: the step's hidden states [batch, len, hidden]
  kCacheAlloc,   ///< torch.zeros(sizes): the cache buffer, once, before the first step
  kLinear,       ///< F.linear(x, weight), weight [count, in]
  kView,         ///< Tensor.view(sizes) with at most one inferred (-1) entry
  kTranspose,    ///< Tensor.transpose(dim0, dim1)
  kRope,         ///< rotary embedding of positions start + i (i over dim 1 of [b, len, h, d])
  kRepeatKv,     ///< repeat_interleave(count, dim0) or, when tiling, repeat along dim0
  kCacheWrite,   ///< cache.index_copy_(dim0, arange(start, start + len), source)
  kCacheRead,    ///< cache.narrow(dim0, 0, count): the first `count` positions
  kMatmul,       ///< torch.matmul(a, b)
  kScale,        ///< a * (1 / sqrt(head_dim)), shape-preserving
  kCausalMask,   ///< a.masked_fill(mask, -inf): key j hidden from query i when j > start + i
                 ///< (with admit_unwritten, only while j < start + len: the padded mask)
  kSoftmax,      ///< softmax over dim0
  kSdpa,         ///< F.scaled_dot_product_attention(q, k, v, causal from start, enable_gqa)
};

/// One op of the program. Sizes are dims over the configuration symbols, so the same op
/// is interpreted symbolically or, after evaluation under an assignment, concretely.
struct Op {
  OpKind kind = OpKind::kInput;
  std::string torch_op;  ///< PyTorch name used in messages, e.g. "index_copy_"
  std::string result;    ///< name of the value it defines, e.g. "xk"
  std::vector<std::string> args;  ///< names of the values it reads
  std::string pseudo;    ///< the line of code it stands for, e.g. "xk = self.wk(x)"

  std::vector<sym::Dim> sizes;          ///< kView / kCacheAlloc
  std::optional<std::size_t> inferred;  ///< kView: index of the -1 entry
  std::int64_t dim0 = 0;                ///< kTranspose, kRepeatKv, kCacheWrite, kCacheRead, kSoftmax
  std::int64_t dim1 = 0;                ///< kTranspose
  sym::Dim count;        ///< kLinear out features, kRepeatKv repeats, kCacheRead length
  sym::Dim in_features;  ///< kLinear
  sym::Dim start;        ///< kCacheWrite / kRope / kCausalMask / kSdpa: the step's first position
  sym::Dim len;          ///< kCacheWrite: tokens written
  std::string weight;    ///< kLinear: "wq", "wk", "wv" or "wo"
  RepeatKind repeat_kind = RepeatKind::kInterleave;  ///< kRepeatKv
  bool enable_gqa = false;  ///< kSdpa
  bool causal = true;       ///< kSdpa: mask keys after start + i (false: attend to all)
  /// kCausalMask / kSdpa: the mask was built for the written prefix and padded with zeros,
  /// so keys at start + len and beyond (the unwritten slots) are admitted.
  bool admit_unwritten = false;
};

/// Which step a program computes.
enum class StepKind { kPrefill, kDecode };

/// The symbolic sizes of one step: its first position and its number of tokens, plus the
/// cache capacity. For the concrete interpreters these are usually the symbols `pos`,
/// `chunk_len` and `max_seq_len`, evaluated per step; the prover passes polynomials.
struct StepDims {
  StepKind kind = StepKind::kPrefill;
  sym::Dim pos;
  sym::Dim len;
  sym::Dim cache_len;
};

/// One attention layer: the ops run once (cache allocation) and the ops of one step.
struct Program {
  Implementation impl;
  StepDims dims;
  std::vector<Op> setup;
  std::vector<Op> step;
  /// Names of the cache buffers (persist across steps) and of the step's output.
  std::vector<std::string> caches;
  std::string output;
};

/// Builds the program of `impl` for the step `dims`. Never fails: a wrong implementation
/// yields a program whose interpretation reports the shape error, as running it would.
Program build_program(const Implementation& impl, const StepDims& dims);

/// StepDims over the symbols pos, chunk_len and max_seq_len, for concrete interpretation.
StepDims symbolic_step(StepKind kind);

}  // namespace kvcheck::model
