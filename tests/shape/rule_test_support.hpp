// What the shape-rule tests share: configuration symbols as dims, shape aliases, and a
// table runner that checks either the result shape or the exact error message.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

#include "kvcheck/shape/shape.hpp"
#include "kvcheck/shape/shape_error.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::shape::test_support {

using sym::Dim;
using IShape = Shape<std::int64_t>;
using SShape = Shape<Dim>;

inline Dim batch() {
  return Dim(sym::symbols::batch());
}
inline Dim prompt_len() {
  return Dim(sym::symbols::prompt_len());
}
inline Dim n_kv_heads() {
  return Dim(sym::symbols::n_kv_heads());
}
inline Dim group() {
  return Dim(sym::symbols::group());
}
inline Dim head_dim() {
  return Dim(sym::symbols::head_dim());
}
inline Dim hidden() {
  return Dim(sym::symbols::hidden());
}
inline Dim max_seq_len() {
  return Dim(sym::symbols::max_seq_len());
}
inline Dim cache_spare() {
  return Dim(sym::symbols::cache_spare());
}
inline Dim pos() {
  return Dim(sym::symbols::pos());
}
inline Dim n_heads() {
  return Dim::n_heads();
}

/// When broadcasting n_heads against n_kv_heads (in either order) fails: PyTorch broadcasts
/// them when group == 1 or n_kv_heads == 1 (MQA).
inline const std::string kHeadsDoNotBroadcast =
    "fails whenever n_kv_heads >= 2 and group >= 2, smallest: n_kv_heads=2, group=2 (n_heads=4)";

/// What a case expects: the result's shape, or the whole error message.
template <class D>
using Expected = std::variant<Shape<D>, std::string>;

template <class D>
void expect_result(const ShapeResult<D>& got, const Expected<D>& want) {
  if (const auto* shape = std::get_if<Shape<D>>(&want)) {
    ASSERT_TRUE(got.has_value()) << got.error().message;
    EXPECT_EQ(got.value().to_string(), shape->to_string());
    EXPECT_TRUE(got.value() == *shape);
    return;
  }
  ASSERT_FALSE(got.has_value()) << "unexpected success: " << got.value().to_string();
  EXPECT_EQ(got.error().message, std::get<std::string>(want));
}

/// A case of a rule over two shapes (matmul, broadcast_shapes, masked_fill's self and mask).
template <class D>
struct PairCase {
  std::string name;
  Shape<D> a;
  Shape<D> b;
  Expected<D> want;
};

/// Applies `rule` to every case (each has `name` and `want`), naming the case on failure.
template <class Case, class Rule>
void run_table(const std::vector<Case>& cases, Rule rule) {
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    expect_result(rule(c), c.want);
  }
}

}  // namespace kvcheck::shape::test_support
