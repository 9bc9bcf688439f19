// Dims form a commutative ring, and every operation returns a dim in canonical form.
#include <gtest/gtest.h>
#include <rapidcheck/gtest.h>

#include "dim_generators.hpp"

namespace kvcheck::sym {
namespace {

/// Fails the property when an operation left a non-canonical dim; passes the dim through.
Dim canonical(const Dim& d) {
  RC_ASSERT(d.check_invariant());
  return d;
}

RC_GTEST_PROP(SymRingLaws, AdditionAndMultiplicationCommute, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  RC_ASSERT(canonical(p + q) == canonical(q + p));
  RC_ASSERT(canonical(p * q) == canonical(q * p));
}

RC_GTEST_PROP(SymRingLaws, AdditionAndMultiplicationAssociate, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Dim r = *testgen::dim();
  RC_ASSERT(canonical(canonical(p + q) + r) == canonical(p + canonical(q + r)));
  RC_ASSERT(canonical(canonical(p * q) * r) == canonical(p * canonical(q * r)));
}

RC_GTEST_PROP(SymRingLaws, MultiplicationDistributesOverAddition, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  const Dim r = *testgen::dim();
  RC_ASSERT(canonical(p * canonical(q + r)) == canonical(p * q) + canonical(p * r));
  RC_ASSERT(canonical(canonical(q + r) * p) == canonical(q * p) + canonical(r * p));
  RC_ASSERT(canonical(p * canonical(q - r)) == canonical(p * q) - canonical(p * r));
}

RC_GTEST_PROP(SymRingLaws, ZeroAndOneAreIdentities, ()) {
  const Dim p = *testgen::dim();
  RC_ASSERT(canonical(p + Dim()) == p);
  RC_ASSERT(canonical(Dim() + p) == p);
  RC_ASSERT(canonical(p * Dim(1)) == p);
  RC_ASSERT(canonical(Dim(1) * p) == p);
  RC_ASSERT(canonical(p * Dim()).is_zero());
  RC_ASSERT(canonical(p - Dim()) == p);
}

RC_GTEST_PROP(SymRingLaws, NegationIsTheAdditiveInverse, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  RC_ASSERT(canonical(p + canonical(-p)).terms().empty());
  RC_ASSERT(canonical(p - p).terms().empty());
  RC_ASSERT(canonical(-canonical(-p)) == p);
  RC_ASSERT(canonical(p - q) == canonical(p + canonical(-q)));
  RC_ASSERT(canonical(-canonical(p * q)) == canonical(canonical(-p) * q));
  RC_ASSERT(canonical(p * Dim(-1)) == -p);
}

RC_GTEST_PROP(SymRingLaws, CompoundAssignmentMatchesOperators, ()) {
  const Dim p = *testgen::dim();
  const Dim q = *testgen::dim();
  Dim sum = p;
  sum += q;
  Dim difference = p;
  difference -= q;
  Dim product = p;
  product *= q;
  RC_ASSERT(canonical(sum) == p + q);
  RC_ASSERT(canonical(difference) == p - q);
  RC_ASSERT(canonical(product) == p * q);
  Dim self = p;
  const Dim& alias = self;  // the operand is the target itself: in-place ops must not alias
  self -= alias;
  RC_ASSERT(canonical(self).is_zero());
}

}  // namespace
}  // namespace kvcheck::sym
