// Golden-file comparison shared by every test that checks output byte for byte.
#pragma once

#include <gtest/gtest.h>

#include <string>

namespace kvcheck::testing {

/// Compares `actual` with `<folder>/<file>` under the source tree (folder e.g.
/// "fixtures/reports"), naming the first differing line. With the environment variable
/// KVCHECK_UPDATE_GOLDENS=1 it rewrites the golden file instead (and passes).
::testing::AssertionResult matches_golden_file(const std::string& folder, const std::string& file,
                                               const std::string& actual);

}  // namespace kvcheck::testing
