// view: numel preserved, one -1 inferred by exact division.
#include "kvcheck/shape/ops/view.hpp"

#include "view_cases.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
ShapeResult<D> apply(const ViewCase<D>& c) {
  return view(c.self, c.sizes, c.inferred);
}

TEST(View, Concrete) {
  run_table(concrete_view_cases("view"), apply<std::int64_t>);
}

TEST(View, Symbolic) {
  run_table(symbolic_view_cases("view"), apply<Dim>);
}

TEST(View, UndecidedDivisionIsUnknownNotRefuted) {
  const Dim x = Dim::var("x");
  auto r = view(SShape{x * x + x}, {2, 0}, 1);
  ASSERT_FALSE(r.has_value());
  EXPECT_TRUE(r.error().unknown);
  EXPECT_FALSE(r.error().smallest.has_value());
}

}  // namespace
}  // namespace kvcheck::shape
