// Numeric kernels of the PyTorch ops in a Program: strided copies for the layout ops, Eigen
// products per matrix for matmul, linear and attention.
#include "numeric_kernels.hpp"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>

#include "kvcheck/interp/threads.hpp"
#include "parallel.hpp"

namespace kvcheck::interp::kernels {
namespace {

using Sizes = std::vector<std::int64_t>;

[[noreturn]] void internal(const std::string& what) {
  throw std::logic_error("numeric kernel: " + what);
}

std::string str(const Sizes& s) {
  return shape::Shape<std::int64_t>(s).to_string();
}

std::int64_t product(Sizes::const_iterator first, Sizes::const_iterator last) {
  return std::accumulate(first, last, std::int64_t{1}, std::multiplies<>());
}
std::int64_t product(const Sizes& s) {
  return product(s.begin(), s.end());
}

std::size_t wrap(std::int64_t dim, std::int64_t rank, const char* op) {
  const auto d = shape::normalize_dim(dim, rank);
  if (!d)
    internal(std::string(op) + ": dim " + std::to_string(dim) + " of rank " + std::to_string(rank));
  return static_cast<std::size_t>(*d);
}

/// A tensor seen as [outer, size, inner] around one dim: element (o, i, r) of the tensor
/// sits at (o * size + i) * inner + r, so whole inner blocks move with one segment copy.
struct Split {
  std::int64_t outer, size, inner;
  std::int64_t block(std::int64_t o, std::int64_t i) const { return (o * size + i) * inner; }
};

Split split_at(const Sizes& s, std::size_t d) {
  const auto at = s.begin() + static_cast<std::ptrdiff_t>(d);
  return {product(s.begin(), at), *at, product(at + 1, s.end())};
}

Sizes batch_of(const Sizes& s) {
  return Sizes(s.begin(), s.end() - 2);
}

Sizes with_matrix(Sizes batch, std::int64_t rows, std::int64_t cols) {
  batch.push_back(rows);
  batch.push_back(cols);
  return batch;
}

/// PyTorch's broadcast of two batch shapes (aligned at the right; a size 1 stretches).
Sizes broadcast(const Sizes& a, const Sizes& b) {
  Sizes out(std::max(a.size(), b.size()), 1);
  for (std::size_t r = 0; r < out.size(); ++r) {
    const std::int64_t x = r < a.size() ? a[a.size() - 1 - r] : 1;
    const std::int64_t y = r < b.size() ? b[b.size() - 1 - r] : 1;
    if (x != y && x != 1 && y != 1) internal("cannot broadcast " + str(a) + " with " + str(b));
    out[out.size() - 1 - r] = x == 1 ? y : x;
  }
  return out;
}

/// For each matrix of a result with batch shape `out`, the matrix of an operand with batch
/// shape `in` that feeds it: equal sizes map through, size 1 broadcasts, and at batch dim
/// `grouped` (counted from the right) a size dividing the result's maps index h to
/// h / (out / in), which is how enable_gqa pairs query heads with kv heads.
std::vector<std::int64_t> broadcast_leads(const Sizes& out, const Sizes& in,
                                          std::optional<std::size_t> grouped = std::nullopt) {
  if (in.size() > out.size()) internal("operand batch " + str(in) + " wider than " + str(out));
  std::vector<std::int64_t> leads(static_cast<std::size_t>(product(out)));
  for (std::size_t flat = 0; flat < leads.size(); ++flat) {
    auto rest = static_cast<std::int64_t>(flat);
    std::int64_t lead = 0;
    std::int64_t stride = 1;
    for (std::size_t r = 0; r < in.size(); ++r) {
      const std::int64_t o = out[out.size() - 1 - r];
      const std::int64_t n = in[in.size() - 1 - r];
      const std::int64_t index = rest % o;
      rest /= o;
      std::int64_t mapped = index;
      if (n == 1) {
        mapped = 0;
      } else if (n != o) {
        if (grouped != r || n == 0 || o % n != 0)
          internal("batch " + str(in) + " does not map to " + str(out));
        mapped = index / (o / n);
      }
      lead += mapped * stride;
      stride *= n;
    }
    leads[flat] = lead;
  }
  return leads;
}

/// Copies `outer` runs of `run` contiguous elements, run o from src + src_at(o) to
/// dst + dst_at(o). A run of a million elements or more (a prefill's hidden states or cache
/// write) is split so every numeric thread copies a share.
template <class S, class From, class To>
void copy_runs(S* dst, const S* src, std::int64_t outer, std::int64_t run, const From& src_at,
               const To& dst_at) {
  const int pieces = run >= (std::int64_t{1} << 20) ? std::max(1, numeric_threads()) : 1;
  const std::int64_t piece = (run + pieces - 1) / pieces;
  for_each_task(outer * pieces, pieces, [&](std::int64_t task) {
    const std::int64_t o = task / pieces;
    const std::int64_t first = (task % pieces) * piece;
    const std::int64_t n = std::min(piece, run - first);
    if (n > 0) std::copy_n(src + src_at(o) + first, n, dst + dst_at(o) + first);
  });
}

template <class S>
using MatrixRef = Eigen::Ref<typename Tensor<S>::Matrix>;

template <class S>
void mask_future(MatrixRef<S> scores, std::int64_t start, std::optional<std::int64_t> admit_from) {
  const S minus_inf = -std::numeric_limits<S>::infinity();
  const Eigen::Index end =
      admit_from ? std::min<Eigen::Index>(scores.cols(), *admit_from) : scores.cols();
  for (Eigen::Index i = 0; i < scores.rows(); ++i) {
    for (Eigen::Index j = std::max<Eigen::Index>(0, start + i + 1); j < end; ++j) {
      scores(i, j) = minus_inf;
    }
  }
}

template <class S>
void softmax_rows(MatrixRef<S> m) {
  if (m.cols() == 0) return;
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    auto row = m.row(i);
    // Masked (-inf) entries must come out exactly 0, as in PyTorch: Eigen's vectorised exp
    // clamps its argument and would leave ~1e-38, which is wrong and, as a subnormal, makes
    // every later matrix product that reads it dozens of times slower.
    const S top = row.maxCoeff();
    const S minus_inf = -std::numeric_limits<S>::infinity();
    row = (row.array() == minus_inf).select(S(0), (row.array() - top).exp()).matrix();
    row /= row.sum();
  }
}

}  // namespace

template <class S>
Tensor<S> linear(const Tensor<S>& x, const Tensor<S>& weight) {
  if (x.rank() < 1 || weight.rank() != 2) {
    internal("linear: input " + x.shape_string() + " with weight " + weight.shape_string());
  }
  Sizes sizes = x.shape();
  sizes.back() = weight.dim(0);
  Tensor<S> out(sizes);
  linear_into(out, x, weight);
  return out;
}

template <class S>
void linear_into(Tensor<S>& out, const Tensor<S>& x, const Tensor<S>& weight) {
  if (x.rank() < 1 || weight.rank() != 2 || x.dim(-1) != weight.dim(1) ||
      out.numel() != (x.dim(-1) == 0 ? 0 : x.numel() / x.dim(-1)) * weight.dim(0)) {
    internal("linear: input " + x.shape_string() + " with weight " + weight.shape_string() +
             " into " + out.shape_string());
  }
  const auto in = x.rows_matrix();
  const auto w = weight.rows_matrix();
  auto result = out.rows_matrix();
  const std::int64_t features = weight.dim(0);
  const int threads = numeric_threads();
  // Few rows and many weights: each thread takes a contiguous share of the output features
  // (rows of the weight), so both cores stream their half of the weights once.
  if (in.rows() <= 8 && threads > 1 && features * weight.dim(1) >= (std::int64_t{1} << 20)) {
    const std::int64_t share = (features + threads - 1) / threads;
    for_each_task(threads, threads, [&](std::int64_t t) {
      const std::int64_t from = std::min(features, t * share);
      const std::int64_t n = std::min(features, from + share) - from;
      if (n > 0) result.middleCols(from, n).noalias() = in * w.middleRows(from, n).transpose();
    });
    return;
  }
  result.noalias() = in * w.transpose();
}

template <class S>
void narrow_into(Tensor<S>& out, const Tensor<S>& t, std::int64_t dim, std::int64_t start) {
  const std::size_t d = wrap(dim, t.rank(), "narrow");
  const std::int64_t length = out.rank() == t.rank() ? out.shape()[d] : -1;
  Sizes expected = t.shape();
  expected[d] = length;
  if (out.shape() != expected || start < 0 || length < 0 || start + length > t.shape()[d]) {
    internal("narrow: " + out.shape_string() + " from " + std::to_string(start) + " of " +
             t.shape_string());
  }
  const Split from = split_at(t.shape(), d);
  const Split to = split_at(expected, d);
  copy_runs(
      out.data().data(), t.data().data(), to.outer, length * to.inner,
      [&](std::int64_t o) { return from.block(o, start); },
      [&](std::int64_t o) { return to.block(o, 0); });
}

template <class S>
Tensor<S> view(const Tensor<S>& t, Sizes sizes, std::optional<std::size_t> inferred) {
  if (inferred) {
    if (*inferred >= sizes.size()) internal("view: inferred entry out of range");
    sizes[*inferred] = 1;
    const std::int64_t known = product(sizes);
    sizes[*inferred] = known == 0 ? 0 : t.numel() / known;
  }
  if (product(sizes) != t.numel()) internal("view: " + t.shape_string() + " as " + str(sizes));
  return Tensor<S>(std::move(sizes), t.data());
}

template <class S>
Tensor<S> transpose(const Tensor<S>& t, std::int64_t d0, std::int64_t d1) {
  const std::size_t a = wrap(d0, t.rank(), "transpose");
  const std::size_t b = wrap(d1, t.rank(), "transpose");
  Sizes sizes = t.shape();
  Sizes strides = t.strides();  // of the source, permuted like the result's dims
  std::swap(sizes[a], sizes[b]);
  std::swap(strides[a], strides[b]);
  Tensor<S> out(sizes);
  // Walk the result in row-major order with an odometer, carrying the source offset along.
  Sizes index(sizes.size(), 0);
  std::int64_t from = 0;
  for (Eigen::Index flat = 0; flat < out.numel(); ++flat) {
    out.data()[flat] = t.data()[from];
    for (std::size_t k = sizes.size(); k-- > 0;) {
      from += strides[k];
      if (++index[k] < sizes[k]) break;
      from -= strides[k] * sizes[k];
      index[k] = 0;
    }
  }
  return out;
}

template <class S>
Tensor<S> repeat_dim(const Tensor<S>& t, std::int64_t dim, std::int64_t count,
                     model::RepeatKind kind) {
  const std::size_t d = wrap(dim, t.rank(), "repeat");
  if (count < 0) internal("repeat: negative count");
  const Split in = split_at(t.shape(), d);
  Sizes sizes = t.shape();
  sizes[d] *= count;
  Tensor<S> out(sizes);
  const Split to = split_at(sizes, d);
  for (std::int64_t o = 0; o < to.outer; ++o) {
    for (std::int64_t i = 0; i < to.size; ++i) {
      const std::int64_t source = kind == model::RepeatKind::kInterleave ? i / count : i % in.size;
      out.data().segment(to.block(o, i), to.inner) =
          t.data().segment(in.block(o, source), in.inner);
    }
  }
  return out;
}

template <class S>
void index_copy(Tensor<S>& self, std::int64_t dim, std::int64_t start, const Tensor<S>& source) {
  const std::size_t d = wrap(dim, self.rank(), "index_copy_");
  Sizes expected = self.shape();
  expected[d] = source.rank() == self.rank() ? source.dim(static_cast<std::int64_t>(d)) : -1;
  const std::int64_t len = expected[d];
  // Every check before the first write: an out-of-range copy would corrupt memory.
  if (source.shape() != expected || start < 0 || start + len > self.shape()[d]) {
    internal("index_copy_: source " + source.shape_string() + " at " + std::to_string(start) +
             " into " + self.shape_string());
  }
  const Split to = split_at(self.shape(), d);
  const Split from = split_at(source.shape(), d);
  // Positions start .. start + len - 1 are contiguous in self, as 0 .. len - 1 are in source.
  copy_runs(
      self.data().data(), source.data().data(), from.outer, len * from.inner,
      [&](std::int64_t o) { return from.block(o, 0); },
      [&](std::int64_t o) { return to.block(o, start); });
}

template <class S>
Tensor<S> narrow(const Tensor<S>& t, std::int64_t dim, std::int64_t start, std::int64_t length) {
  const std::size_t d = wrap(dim, t.rank(), "narrow");
  if (start < 0 || length < 0 || start + length > t.shape()[d]) {
    internal("narrow: [" + std::to_string(start) + ", " + std::to_string(start + length) + ") of " +
             t.shape_string());
  }
  Sizes sizes = t.shape();
  sizes[d] = length;
  Tensor<S> out(sizes);
  narrow_into(out, t, dim, start);
  return out;
}

template <class S>
Tensor<S> matmul(const Tensor<S>& a, const Tensor<S>& b) {
  // A 1-D operand is a row (a) or column (b) matrix whose unit dim the result drops,
  // as torch.matmul does.
  if (a.rank() == 1 || b.rank() == 1) {
    const Tensor<S> a2 = a.rank() == 1 ? Tensor<S>({1, a.dim(0)}, a.data()) : a;
    const Tensor<S> b2 = b.rank() == 1 ? Tensor<S>({b.dim(0), 1}, b.data()) : b;
    const Tensor<S> c = matmul(a2, b2);
    Sizes sizes = c.shape();
    if (b.rank() == 1) sizes.pop_back();
    if (a.rank() == 1) sizes.erase(sizes.end() - (b.rank() == 1 ? 1 : 2));
    return Tensor<S>(std::move(sizes), c.data());
  }
  if (a.rank() < 2 || b.rank() < 2 || a.dim(-1) != b.dim(-2)) {
    internal("matmul: " + a.shape_string() + " @ " + b.shape_string());
  }
  const Sizes batch = broadcast(batch_of(a.shape()), batch_of(b.shape()));
  Tensor<S> out(with_matrix(batch, a.dim(-2), b.dim(-1)));
  const auto leads_a = broadcast_leads(batch, batch_of(a.shape()));
  const auto leads_b = broadcast_leads(batch, batch_of(b.shape()));
  for (std::size_t l = 0; l < leads_a.size(); ++l) {
    out.matrix(static_cast<std::int64_t>(l)).noalias() =
        a.matrix(leads_a[l]) * b.matrix(leads_b[l]);
  }
  return out;
}

template <class S>
void causal_mask(Tensor<S>& scores, std::int64_t start, std::optional<std::int64_t> admit_from) {
  for (std::int64_t l = 0; l < scores.matrix_count(); ++l) {
    auto m = scores.matrix(l);
    mask_future<S>(m, start, admit_from);
  }
}

template <class S>
Tensor<S> softmax(const Tensor<S>& t, std::int64_t dim) {
  const std::size_t d = wrap(dim, t.rank(), "softmax");
  const auto last = static_cast<std::size_t>(t.rank() - 1);
  if (d != last) {
    // Rows are contiguous only along the last dim; move `dim` there and back.
    const auto a = static_cast<std::int64_t>(d);
    const auto z = static_cast<std::int64_t>(last);
    return transpose(softmax(transpose(t, a, z), z), a, z);
  }
  Tensor<S> out = t;
  auto rows = out.rows_matrix();
  softmax_rows<S>(rows);
  return out;
}

template <class S>
Tensor<S> sdpa(const Tensor<S>& q, const Tensor<S>& k, const Tensor<S>& v, std::int64_t start,
               bool causal, bool enable_gqa, std::optional<std::int64_t> admit_from) {
  if (q.rank() < 2 || k.rank() < 2 || v.rank() < 2 || q.dim(-1) != k.dim(-1) ||
      k.dim(-2) != v.dim(-2) || (enable_gqa && (q.rank() < 3 || k.rank() < 3 || v.rank() < 3))) {
    internal("scaled_dot_product_attention: q " + q.shape_string() + ", k " + k.shape_string() +
             ", v " + v.shape_string());
  }
  Sizes k_batch = batch_of(k.shape());
  Sizes v_batch = batch_of(v.shape());
  std::optional<std::size_t> grouped;
  if (enable_gqa) {
    // enable_gqa repeats k and v along dim -3 up to q's head count before broadcasting.
    grouped = 0;
    k_batch.back() = q.dim(-3);
    v_batch.back() = q.dim(-3);
  }
  const Sizes batch = broadcast(broadcast(batch_of(q.shape()), k_batch), v_batch);
  Tensor<S> out(with_matrix(batch, q.dim(-2), v.dim(-1)));
  const auto leads_q = broadcast_leads(batch, batch_of(q.shape()));
  const auto leads_k = broadcast_leads(batch, batch_of(k.shape()), grouped);
  const auto leads_v = broadcast_leads(batch, batch_of(v.shape()), grouped);
  const auto scale = static_cast<S>(1.0 / std::sqrt(static_cast<double>(q.dim(-1))));
  for (std::size_t l = 0; l < leads_q.size(); ++l) {
    typename Tensor<S>::Matrix scores =
        (q.matrix(leads_q[l]) * k.matrix(leads_k[l]).transpose()) * scale;
    if (causal) mask_future<S>(scores, start, admit_from);
    softmax_rows<S>(scores);
    out.matrix(static_cast<std::int64_t>(l)).noalias() = scores * v.matrix(leads_v[l]);
  }
  return out;
}

// One instantiation list for both precisions, so the two can never drift apart.
#define KVCHECK_NUMERIC_KERNELS(S)                                                                \
  template Tensor<S> linear(const Tensor<S>&, const Tensor<S>&);                                  \
  template void linear_into(Tensor<S>&, const Tensor<S>&, const Tensor<S>&);                      \
  template void narrow_into(Tensor<S>&, const Tensor<S>&, std::int64_t, std::int64_t);            \
  template Tensor<S> view(const Tensor<S>&, Sizes, std::optional<std::size_t>);                   \
  template Tensor<S> transpose(const Tensor<S>&, std::int64_t, std::int64_t);                     \
  template Tensor<S> repeat_dim(const Tensor<S>&, std::int64_t, std::int64_t, model::RepeatKind); \
  template void index_copy(Tensor<S>&, std::int64_t, std::int64_t, const Tensor<S>&);             \
  template Tensor<S> narrow(const Tensor<S>&, std::int64_t, std::int64_t, std::int64_t);          \
  template Tensor<S> matmul(const Tensor<S>&, const Tensor<S>&);                                  \
  template void causal_mask(Tensor<S>&, std::int64_t, std::optional<std::int64_t>);               \
  template Tensor<S> softmax(const Tensor<S>&, std::int64_t);                                     \
  template Tensor<S> sdpa(const Tensor<S>&, const Tensor<S>&, const Tensor<S>&, std::int64_t,     \
                          bool, bool, std::optional<std::int64_t>);
KVCHECK_NUMERIC_KERNELS(float)
KVCHECK_NUMERIC_KERNELS(double)
#undef KVCHECK_NUMERIC_KERNELS

}  // namespace kvcheck::interp::kernels
