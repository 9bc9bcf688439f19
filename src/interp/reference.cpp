// reference_forward: causal GQA over the whole sequence with one Eigen product per
// (batch, head). Deliberately shares nothing with the interpreter except RoPE.
#include "kvcheck/interp/reference.hpp"

#include <cmath>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include "kvcheck/interp/rope.hpp"

namespace kvcheck::interp {
namespace {

void require_shape(const char* what, const std::vector<std::int64_t>& got,
                   const std::vector<std::int64_t>& want) {
  if (got == want) return;
  throw std::invalid_argument(std::string("reference_forward: ") + what + " is " +
                              shape::Shape<std::int64_t>(got).to_string() + ", expected " +
                              shape::Shape<std::int64_t>(want).to_string());
}

/// Rotates head vectors laid side by side in each row of `m` ([T, heads * head_dim]);
/// row t is the token at position t. Rows are contiguous because the matrix is row-major.
template <class Matrix>
void rotate_rows(Matrix& m, std::int64_t heads, std::int64_t head_dim,
                 const RopeTable<typename Matrix::Scalar>& table) {
  for (Eigen::Index t = 0; t < m.rows(); ++t) {
    for (std::int64_t h = 0; h < heads; ++h) table.rotate(m.row(t).data() + h * head_dim, t);
  }
}

/// Softmax of each row i over its first i + 1 entries (the keys query i may see); the
/// rest become 0. Only the visible prefix enters max and sum, so no -inf is ever formed.
template <class Matrix>
void causal_softmax_rows(Matrix& scores) {
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    auto visible = scores.row(i).head(i + 1);
    visible = (visible.array() - visible.maxCoeff()).exp().matrix();
    visible /= visible.sum();
    scores.row(i).tail(scores.cols() - i - 1).setZero();
  }
}

}  // namespace

template <class Scalar>
Tensor<Scalar> reference_forward(const model::AttentionConfig& config,
                                 const ModelInputs<Scalar>& inputs, HeadMapping mapping) {
  using Matrix = typename Tensor<Scalar>::Matrix;
  const std::int64_t batch = config.batch;
  const std::int64_t hidden = config.hidden;
  const std::int64_t heads = config.n_heads;
  const std::int64_t kv_heads = config.n_kv_heads;
  const std::int64_t head_dim = config.head_dim;
  if (kv_heads <= 0 || heads % kv_heads != 0) {
    throw std::invalid_argument("reference_forward: n_heads is not a multiple of n_kv_heads");
  }
  if (mapping == HeadMapping::kPerHead && kv_heads != heads) {
    throw std::invalid_argument("reference_forward: per-head mapping needs n_kv_heads == n_heads");
  }
  const std::int64_t group = heads / kv_heads;
  const std::int64_t tokens = inputs.x.rank() == 3 ? inputs.x.dim(1) : -1;
  require_shape("x", inputs.x.shape(), {batch, tokens, hidden});
  require_shape("wq", inputs.wq.shape(), {heads * head_dim, hidden});
  require_shape("wk", inputs.wk.shape(), {kv_heads * head_dim, hidden});
  require_shape("wv", inputs.wv.shape(), {kv_heads * head_dim, hidden});
  require_shape("wo", inputs.wo.shape(), {hidden, heads * head_dim});

  const auto scale = static_cast<Scalar>(1.0 / std::sqrt(static_cast<double>(head_dim)));
  Tensor<Scalar> y({batch, tokens, hidden});
  const RopeTable<Scalar> rope(0, tokens, head_dim);
  Matrix scores;
  for (std::int64_t b = 0; b < batch; ++b) {
    const auto x = inputs.x.matrix(b);  // [T, hidden]
    Matrix q = x * inputs.wq.rows_matrix().transpose();
    Matrix k = x * inputs.wk.rows_matrix().transpose();
    const Matrix v = x * inputs.wv.rows_matrix().transpose();
    rotate_rows(q, heads, head_dim, rope);
    rotate_rows(k, kv_heads, head_dim, rope);

    Matrix concat(tokens, heads * head_dim);
    for (std::int64_t h = 0; h < heads; ++h) {
      const std::int64_t kv = mapping == HeadMapping::kGrouped ? h / group : h;
      scores.noalias() = (q.middleCols(h * head_dim, head_dim) *
                          k.middleCols(kv * head_dim, head_dim).transpose()) *
                         scale;
      causal_softmax_rows(scores);
      concat.middleCols(h * head_dim, head_dim) = scores * v.middleCols(kv * head_dim, head_dim);
    }
    y.matrix(b) = concat * inputs.wo.rows_matrix().transpose();
  }
  return y;
}

template Tensor<float> reference_forward<float>(const model::AttentionConfig&,
                                                const ModelInputs<float>&, HeadMapping);
template Tensor<double> reference_forward<double>(const model::AttentionConfig&,
                                                  const ModelInputs<double>&, HeadMapping);

}  // namespace kvcheck::interp
