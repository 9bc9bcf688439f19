// ShapeError messages for concrete and symbolic sizes.
#include "kvcheck/shape/shape_error.hpp"

#include <gtest/gtest.h>

namespace kvcheck::shape {
namespace {

TEST(CheckEqual, ConcreteMismatchNamesBothSizes) {
  auto e = check_equal<std::int64_t>("index_copy_", std::vector<std::string>{},
                                     "source does not fit self at dim 2", 1, 2);
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->message, "index_copy_: source does not fit self at dim 2 (1 vs 2)");
}

TEST(CheckEqual, SymbolicMismatchGivesConditionAndSmallestConfig) {
  auto e = check_equal<sym::Dim>("index_copy_", std::vector<std::string>{},
                                 "source does not fit self at dim 2",
                                 sym::Dim(sym::symbols::n_kv_heads()), sym::Dim::n_heads());
  ASSERT_TRUE(e.has_value());
  EXPECT_EQ(e->condition, "group >= 2");
  EXPECT_EQ(e->message,
            "index_copy_: source does not fit self at dim 2 (n_kv_heads vs n_heads); fails "
            "whenever group >= 2, smallest: n_kv_heads=1, group=2 (n_heads=2)");
}

TEST(CheckEqual, SymbolicEqualityHolds) {
  EXPECT_FALSE(check_equal<sym::Dim>(
      "view", std::vector<std::string>{}, "", sym::Dim::n_heads(),
      sym::Dim(sym::symbols::group()) * sym::Dim(sym::symbols::n_kv_heads())));
}

}  // namespace
}  // namespace kvcheck::shape
