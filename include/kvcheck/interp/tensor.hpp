// Tensor<Scalar>: a dense, contiguous, row-major tensor of numbers for the numeric
// interpreter and the reference forward. The only layer where tensors hold values.
#pragma once

#include <Eigen/Core>
#include <cstdint>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "kvcheck/shape/shape.hpp"

namespace kvcheck::interp {

/// A tensor as PyTorch stores a contiguous one: sizes outermost first, elements row-major.
/// Every tensor here is contiguous (a transpose copies), so a view is only a new shape.
template <class Scalar = double>
class Tensor {
 public:
  using Vector = Eigen::Matrix<Scalar, Eigen::Dynamic, 1>;
  using Matrix = Eigen::Matrix<Scalar, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
  using MatrixMap = Eigen::Map<Matrix>;
  using ConstMatrixMap = Eigen::Map<const Matrix>;

  /// A rank-0 tensor holding one zero, as torch.zeros(()).
  Tensor() : data_(Vector::Zero(1)) {}
  /// torch.zeros(sizes). Throws std::invalid_argument for a negative size.
  explicit Tensor(std::vector<std::int64_t> sizes)
      : shape_(std::move(sizes)), data_(Vector::Zero(checked_numel(shape_))) {}
  /// Adopts `data` as the row-major elements of `sizes`; the counts must agree.
  Tensor(std::vector<std::int64_t> sizes, Vector data)
      : shape_(std::move(sizes)), data_(std::move(data)) {
    if (data_.size() != checked_numel(shape_)) {
      throw std::invalid_argument("Tensor: " + std::to_string(data_.size()) +
                                  " values do not fill " + shape_string());
    }
  }

  const std::vector<std::int64_t>& shape() const { return shape_; }
  std::int64_t rank() const { return static_cast<std::int64_t>(shape_.size()); }
  /// The size of dim `i`; negative `i` counts from the end as in PyTorch.
  std::int64_t dim(std::int64_t i) const {
    const auto d = shape::normalize_dim(i, rank());
    if (!d) throw std::out_of_range("Tensor::dim: " + std::to_string(i) + " of " + shape_string());
    return shape_[static_cast<std::size_t>(*d)];
  }
  std::int64_t numel() const { return data_.size(); }
  /// The shape as the shape layer's concrete Shape, for comparing with a rule's answer.
  shape::Shape<std::int64_t> as_shape() const { return shape::Shape<std::int64_t>(shape_); }
  /// "[1, 3, 2, 4]".
  std::string shape_string() const { return as_shape().to_string(); }

  Vector& data() { return data_; }
  const Vector& data() const { return data_; }

  /// Row-major strides in elements (the last is 1).
  std::vector<std::int64_t> strides() const {
    std::vector<std::int64_t> s(shape_.size(), 1);
    for (std::size_t i = shape_.size(); i-- > 1;) s[i - 1] = s[i] * shape_[i];
    return s;
  }

  /// Position of `index` in data(). Every index is range-checked: a wrong index is a bug in
  /// kvcheck, and an unchecked one would read someone else's memory.
  std::int64_t offset(std::span<const std::int64_t> index) const {
    if (index.size() != shape_.size()) {
      throw std::out_of_range("Tensor: " + std::to_string(index.size()) + " indices for " +
                              shape_string());
    }
    std::int64_t at = 0;
    for (std::size_t i = 0; i < index.size(); ++i) {
      if (index[i] < 0 || index[i] >= shape_[i]) {
        throw std::out_of_range("Tensor: index " + std::to_string(index[i]) + " at dim " +
                                std::to_string(i) + " of " + shape_string());
      }
      at = at * shape_[i] + index[i];
    }
    return at;
  }
  Scalar& at(std::span<const std::int64_t> index) { return data_[offset(index)]; }
  const Scalar& at(std::span<const std::int64_t> index) const { return data_[offset(index)]; }

  /// t(b, s, h, d): element access by one index per dim.
  template <class... I>
  requires(std::is_integral_v<I>&&...) Scalar& operator()(I... index) {
    const std::int64_t idx[] = {static_cast<std::int64_t>(index)...};
    return at(idx);
  }
  template <class... I>
  requires(std::is_integral_v<I>&&...) const Scalar& operator()(I... index) const {
    const std::int64_t idx[] = {static_cast<std::int64_t>(index)...};
    return at(idx);
  }

  /// Number of matrices formed by the last two dims (the product of the leading dims).
  std::int64_t matrix_count() const {
    require_matrix();
    std::int64_t n = 1;
    for (std::size_t i = 0; i + 2 < shape_.size(); ++i) n *= shape_[i];
    return n;
  }
  /// The [dim(-2), dim(-1)] matrix at flat leading index `lead` (row-major over the leading
  /// dims), e.g. the (batch b, head h) matrix of a [b, h, len, d] tensor at b * H + h.
  MatrixMap matrix(std::int64_t lead) {
    check_lead(lead);
    return MatrixMap(data_.data() + lead * rows() * cols(), rows(), cols());
  }
  ConstMatrixMap matrix(std::int64_t lead) const {
    check_lead(lead);
    return ConstMatrixMap(data_.data() + lead * rows() * cols(), rows(), cols());
  }
  /// All leading dims folded into rows: [numel / dim(-1), dim(-1)], as F.linear sees its input.
  MatrixMap rows_matrix() {
    const std::int64_t last = rank() == 0 ? 1 : dim(-1);
    return MatrixMap(data_.data(), last == 0 ? 0 : numel() / last, last);
  }
  ConstMatrixMap rows_matrix() const {
    const std::int64_t last = rank() == 0 ? 1 : dim(-1);
    return ConstMatrixMap(data_.data(), last == 0 ? 0 : numel() / last, last);
  }

  /// Same shape and bitwise-equal values (NaNs compare unequal, as in IEEE).
  friend bool operator==(const Tensor& a, const Tensor& b) {
    return a.shape_ == b.shape_ && a.data_ == b.data_;
  }

 private:
  static Eigen::Index checked_numel(const std::vector<std::int64_t>& sizes) {
    std::int64_t n = 1;
    for (std::int64_t d : sizes) {
      if (d < 0) throw std::invalid_argument("Tensor: negative size " + std::to_string(d));
      n *= d;
    }
    return n;
  }
  std::int64_t rows() const { return dim(-2); }
  std::int64_t cols() const { return dim(-1); }
  void require_matrix() const {
    if (rank() < 2) throw std::logic_error("Tensor: no matrix view of " + shape_string());
  }
  void check_lead(std::int64_t lead) const {
    if (lead < 0 || lead >= matrix_count()) {
      throw std::out_of_range("Tensor: matrix " + std::to_string(lead) + " of " + shape_string());
    }
  }

  std::vector<std::int64_t> shape_;
  Vector data_;
};

}  // namespace kvcheck::interp
