// A case that cannot run never lets a property pass: out of memory makes it "not checked"
// with the reason, and any other exception from inside a case is kvcheck contradicting
// itself (INCONSISTENT), never a success counted by the search.
#include <gtest/gtest.h>

#include <new>
#include <stdexcept>

#include "kvcheck/check/verdict.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

/// Throws from its first case on, as a case whose tensors do not fit in memory would.
template <class Error>
class ThrowingProperty final : public props::Property {
 public:
  std::string id() const override { return "throws"; }
  std::string description() const override { return "throws from every case"; }
  std::optional<props::Failure> check(const props::Case&) const override { throw Error(); }
};

struct LogicError : std::logic_error {
  LogicError() : std::logic_error("shape mismatch inside the interpreter") {}
};

SearchParams few_cases() {
  SearchParams p;
  p.max_success = 25;
  return p;
}

TEST(UnrunnableCase, OutOfMemoryIsNotCheckedNeverHolds) {
  const ThrowingProperty<std::bad_alloc> property;
  const Verdict v = verify("fixed", model::find_variant("fixed")->impl, property, few_cases());
  EXPECT_EQ(v.status, Status::kUnknown);
  EXPECT_FALSE(v.holds());
  EXPECT_EQ(v.search.cases, 0);
  EXPECT_NE(v.note.find("not checked: a case ("), std::string::npos) << v.note;
  EXPECT_NE(v.note.find("ran out of memory"), std::string::npos) << v.note;
}

TEST(UnrunnableCase, AnotherExceptionIsInconsistent) {
  const ThrowingProperty<LogicError> property;
  const Verdict v = verify("fixed", model::find_variant("fixed")->impl, property, few_cases());
  EXPECT_EQ(v.status, Status::kInconsistent);
  EXPECT_FALSE(v.holds());
  EXPECT_NE(v.note.find("failed inside kvcheck: shape mismatch"), std::string::npos) << v.note;
}

}  // namespace
}  // namespace kvcheck::check
