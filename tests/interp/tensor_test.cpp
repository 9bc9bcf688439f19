// Tensor: row-major indexing, strides, matrix views and range checks.
#include "kvcheck/interp/tensor.hpp"

#include <gtest/gtest.h>

namespace kvcheck::interp {
namespace {

Tensor<double> iota(std::vector<std::int64_t> sizes) {
  Tensor<double> t(std::move(sizes));
  for (Eigen::Index i = 0; i < t.numel(); ++i) t.data()[i] = static_cast<double>(i);
  return t;
}

TEST(Tensor, ZeroFilledWithShape) {
  Tensor<double> t({2, 3, 4});
  EXPECT_EQ(t.rank(), 3);
  EXPECT_EQ(t.numel(), 24);
  EXPECT_EQ(t.dim(-1), 4);
  EXPECT_EQ(t.shape_string(), "[2, 3, 4]");
  EXPECT_TRUE(t.data().isZero());
}

TEST(Tensor, DefaultIsOneElementScalar) {
  Tensor<float> t;
  EXPECT_EQ(t.rank(), 0);
  EXPECT_EQ(t.numel(), 1);
}

TEST(Tensor, RowMajorOffsetsAndStrides) {
  const Tensor<double> t = iota({2, 3, 4});
  EXPECT_EQ(t.strides(), (std::vector<std::int64_t>{12, 4, 1}));
  // Element (b, s, d) holds its own row-major position b*12 + s*4 + d.
  EXPECT_EQ(t(0, 0, 0), 0.0);
  EXPECT_EQ(t(0, 2, 1), 9.0);
  EXPECT_EQ(t(1, 0, 3), 15.0);
  EXPECT_EQ(t(1, 2, 3), 23.0);
  const std::int64_t idx[] = {1, 1, 1};
  EXPECT_EQ(t.at(idx), 17.0);
}

TEST(Tensor, WritesThroughElementAccess) {
  Tensor<double> t({2, 2});
  t(1, 0) = 5.0;
  EXPECT_EQ(t.data()[2], 5.0);
}

TEST(Tensor, IndexOutOfRangeThrows) {
  const Tensor<double> t = iota({2, 3});
  EXPECT_THROW(t(2, 0), std::out_of_range);
  EXPECT_THROW(t(0, -1), std::out_of_range);
  EXPECT_THROW(t(0), std::out_of_range);
  EXPECT_THROW(t.dim(2), std::out_of_range);
}

TEST(Tensor, DataMustFillShape) {
  EXPECT_THROW(Tensor<double>({2, 3}, Tensor<double>::Vector::Zero(5)), std::invalid_argument);
  EXPECT_THROW(Tensor<double>({-1}), std::invalid_argument);
}

TEST(Tensor, MatrixViewAtLeadingIndex) {
  Tensor<double> t = iota({2, 3, 2, 2});  // [batch, heads, rows, cols]
  EXPECT_EQ(t.matrix_count(), 6);
  // (batch 1, head 2) is matrix 1 * 3 + 2 = 5, starting at element 20.
  auto m = t.matrix(5);
  EXPECT_EQ(m.rows(), 2);
  EXPECT_EQ(m.cols(), 2);
  EXPECT_EQ(m(0, 0), 20.0);
  EXPECT_EQ(m(1, 0), 22.0);
  m(1, 1) = -1.0;
  EXPECT_EQ(t(1, 2, 1, 1), -1.0);
  EXPECT_THROW(t.matrix(6), std::out_of_range);
}

TEST(Tensor, MatrixViewsMultiply) {
  Tensor<double> a = iota({2, 2, 3});
  Tensor<double> out({2, 2, 2});
  for (std::int64_t b = 0; b < 2; ++b) out.matrix(b) = a.matrix(b) * a.matrix(b).transpose();
  // Batch 1 rows are (6, 7, 8) and (9, 10, 11): 6*9 + 7*10 + 8*11 = 212.
  EXPECT_EQ(out(1, 0, 1), 212.0);
  EXPECT_EQ(out(0, 1, 1), 9.0 + 16.0 + 25.0);
}

TEST(Tensor, RowsMatrixFoldsLeadingDims) {
  const Tensor<double> t = iota({2, 3, 4});
  const auto rows = t.rows_matrix();
  EXPECT_EQ(rows.rows(), 6);
  EXPECT_EQ(rows.cols(), 4);
  EXPECT_EQ(rows(5, 3), 23.0);
}

TEST(Tensor, NoMatrixViewBelowRankTwo) {
  const Tensor<double> t = iota({4});
  EXPECT_THROW(t.matrix_count(), std::logic_error);
}

TEST(Tensor, EqualityComparesShapeAndValues) {
  EXPECT_EQ(iota({2, 3}), iota({2, 3}));
  EXPECT_NE(iota({2, 3}), iota({3, 2}));
  Tensor<double> t = iota({2, 3});
  t(0, 0) = 0.5;
  EXPECT_NE(t, iota({2, 3}));
}

}  // namespace
}  // namespace kvcheck::interp
