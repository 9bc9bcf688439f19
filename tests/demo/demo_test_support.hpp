// Support code for the demo tests: building a walkthrough from flags, its plain text, and
// comparing text with a golden file under fixtures/demo/.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "kvcheck/demo/walkthrough.hpp"

namespace kvcheck::demo::testing {

/// The walkthrough `kvcheck demo` builds for these options and --variant.
Walkthrough walkthrough(const DemoOptions& options = {},
                        const std::string& variant = "cache-sized-by-n_heads");

/// The terminal output without colour, at `width` columns, as `kvcheck demo | cat` prints it.
std::string plain_text(const Walkthrough& w, std::size_t width = 100, bool ascii = false);

/// `relative` under the source tree.
std::string source_path(const std::string& relative);

/// Compares `actual` with fixtures/demo/<file> byte for byte. With the environment variable
/// KVCHECK_UPDATE_GOLDENS=1 it rewrites the golden file instead (and passes).
::testing::AssertionResult matches_golden(const std::string& file, const std::string& actual);

}  // namespace kvcheck::demo::testing
