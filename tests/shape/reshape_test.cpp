// reshape: view's shape rule under its own name (strides are not modelled).
#include "kvcheck/shape/ops/reshape.hpp"

#include "view_cases.hpp"

namespace kvcheck::shape {
namespace {

using namespace test_support;

template <class D>
ShapeResult<D> apply(const ViewCase<D>& c) {
  return reshape(c.self, c.sizes, c.inferred);
}

TEST(Reshape, Concrete) {
  run_table(concrete_view_cases("reshape"), apply<std::int64_t>);
}

TEST(Reshape, Symbolic) {
  run_table(symbolic_view_cases("reshape"), apply<Dim>);
}

}  // namespace
}  // namespace kvcheck::shape
