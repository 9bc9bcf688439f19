// FNV-1a 64 against the algorithm's published test vectors.
#include "kvcheck/report/fingerprint.hpp"

#include <gtest/gtest.h>

namespace kvcheck::report {
namespace {

TEST(Fingerprint, Fnv1a64KnownValues) {
  EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
  EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
  EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

TEST(Fingerprint, SeparatesPartsAndPrintsSixteenHexDigits) {
  const std::string ab_c = fingerprint({"ab", "c"});
  EXPECT_EQ(ab_c.size(), 16u);
  EXPECT_EQ(ab_c.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(ab_c, fingerprint({"a", "bc"}));
  EXPECT_EQ(ab_c, fingerprint({"ab", "c"}));
  EXPECT_EQ(fingerprint({}), "cbf29ce484222325");
}

}  // namespace
}  // namespace kvcheck::report
