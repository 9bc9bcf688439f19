// Fused attention in row blocks with an online softmax (one pass over the keys, the running
// maximum and sum rescaled as each key block arrives), one task per (batch, head, row block).
#include "fused_attention.hpp"

#include <Eigen/Core>
#include <algorithm>
#include <cmath>
#include <limits>

#include "kvcheck/interp/threads.hpp"
#include "parallel.hpp"

namespace kvcheck::interp::fused {
namespace {

/// Rows of queries and columns of keys per block: a 128 x 128 score block and the matching
/// accumulator stay in a core's L2 for head dims up to 256.
constexpr std::int64_t kRowBlock = 128;
constexpr std::int64_t kKeyBlock = 128;
/// Below this many multiply-adds the whole attention runs on the calling thread: starting
/// the other threads costs more than they save on the tiny cases of a property search.
constexpr std::int64_t kParallelWork = std::int64_t{1} << 18;

template <class S>
using Matrix = Eigen::Matrix<S, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
template <class S>
using Rows = Eigen::Map<const Matrix<S>, 0, Eigen::OuterStride<>>;
template <class S>
using Column = Eigen::Array<S, Eigen::Dynamic, 1>;

template <class S>
Rows<S> rows_of(const StridedHeads<S>& t, std::int64_t b, std::int64_t first, std::int64_t count,
                std::int64_t head, std::int64_t width) {
  const S* at = t.data + b * t.batch_stride + first * t.position_stride + head * t.head_stride;
  return Rows<S>(at, count, width, Eigen::OuterStride<>(t.position_stride));
}

/// The running state of one row block: the largest score seen, the sum of exp(score - max)
/// and the weighted sum of values, each row rescaled whenever its maximum grows.
template <class S>
struct OnlineSoftmax {
  Column<S> max, sum;
  Matrix<S> acc;

  OnlineSoftmax(std::int64_t rows, std::int64_t width)
      : max(Column<S>::Constant(rows, -std::numeric_limits<S>::infinity())),
        sum(Column<S>::Zero(rows)),
        acc(Matrix<S>::Zero(rows, width)) {}

  /// Folds in one block whose every score is visible.
  void add_visible(Matrix<S>& scores, const Rows<S>& values) {
    const Column<S> top = max.max(scores.array().rowwise().maxCoeff());
    rescale(top);
    scores = (scores.array().colwise() - top).exp().matrix();
    sum += scores.array().rowwise().sum();
    acc.noalias() += scores * values;
  }

  /// Folds in a block on the mask's edge: hidden scores count for exactly nothing (an
  /// exponential of -inf through a vectorised exp is not exactly zero, so they are selected
  /// out, as the interpreter's softmax does).
  void add_masked(Matrix<S>& scores, const Rows<S>& values, const Visibility& see,
                  std::int64_t first_row, std::int64_t first_key) {
    const S minus_inf = -std::numeric_limits<S>::infinity();
    for (Eigen::Index r = 0; r < scores.rows(); ++r) {
      for (Eigen::Index c = 0; c < scores.cols(); ++c) {
        if (!see.visible(first_row + r, first_key + c)) scores(r, c) = minus_inf;
      }
    }
    const Column<S> top = max.max(scores.array().rowwise().maxCoeff());
    rescale(top);
    // A row that sees nothing yet has top -inf and scores - top NaN; the select makes it 0.
    scores =
        (scores.array() == minus_inf).select(S(0), (scores.array().colwise() - top).exp()).matrix();
    sum += scores.array().rowwise().sum();
    acc.noalias() += scores * values;
  }

 private:
  void rescale(const Column<S>& top) {
    for (Eigen::Index r = 0; r < max.size(); ++r) {
      // A row that has seen nothing yet has nothing to rescale (and -inf - -inf is NaN).
      if (max(r) != top(r) && max(r) != -std::numeric_limits<S>::infinity()) {
        const S factor = std::exp(max(r) - top(r));
        sum(r) *= factor;
        acc.row(r) *= factor;
      }
    }
    max = top;
  }
};

template <class S>
void row_block(const AttentionArgs<S>& a, std::int64_t b, std::int64_t h, std::int64_t first,
               std::int64_t rows) {
  const std::int64_t kv = a.heads.kv_head(h);
  const Visibility& see = a.visibility;
  const Rows<S> q = rows_of(a.q, b, first, rows, h, a.head_dim);
  OnlineSoftmax<S> state(rows, a.value_dim);
  Matrix<S> scores;
  for (std::int64_t key = 0; key < a.keys; key += kKeyBlock) {
    const std::int64_t cols = std::min(kKeyBlock, a.keys - key);
    // A block is skipped when every one of its keys is hidden from every query of the rows,
    // and computed element-wise only when it straddles the mask's edge.
    // The first row sees the fewest keys and the last row the most.
    if (see.sees_none(first + rows - 1, key, key + cols - 1)) continue;
    const bool all_visible = see.sees_all(first, key, key + cols - 1);
    scores.noalias() = q * rows_of(a.k, b, key, cols, kv, a.head_dim).transpose();
    scores *= a.scale;
    const Rows<S> values = rows_of(a.v, b, key, cols, kv, a.value_dim);
    if (all_visible) {
      state.add_visible(scores, values);
    } else {
      state.add_masked(scores, values, see, first, key);
    }
  }
  const S nan = std::numeric_limits<S>::quiet_NaN();
  for (std::int64_t r = 0; r < rows; ++r) {
    S* out = a.out + ((b * a.len + first + r) * a.heads.query_heads + h) * a.value_dim;
    Eigen::Map<Eigen::Matrix<S, 1, Eigen::Dynamic>> row(out, a.value_dim);
    if (a.keys == 0) {
      row.setZero();
    } else if (state.sum(r) == S(0)) {
      row.setConstant(nan);
    } else {
      row = state.acc.row(r) / state.sum(r);
    }
  }
}

}  // namespace

template <class S>
void attention(const AttentionArgs<S>& a) {
  const std::int64_t blocks = (a.len + kRowBlock - 1) / kRowBlock;
  const std::int64_t tasks = a.batch * a.heads.query_heads * blocks;
  const std::int64_t work =
      tasks * std::min(a.len, kRowBlock) * a.keys * (a.head_dim + a.value_dim);
  const int threads = work < kParallelWork ? 1 : numeric_threads();
  // Tasks are handed out one at a time: under a causal mask late row blocks see many more
  // keys than early ones.
  for_each_task(tasks, threads, [&](std::int64_t t) {
    const std::int64_t block = t % blocks;
    const std::int64_t h = (t / blocks) % a.heads.query_heads;
    const std::int64_t b = t / (blocks * a.heads.query_heads);
    const std::int64_t first = block * kRowBlock;
    row_block(a, b, h, first, std::min(kRowBlock, a.len - first));
  });
}

template void attention<float>(const AttentionArgs<float>&);
template void attention<double>(const AttentionArgs<double>&);

}  // namespace kvcheck::interp::fused
