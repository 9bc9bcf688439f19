// Support code for the demo tests: goldens are written with the atomic writer the reports use.
#include "golden.hpp"
#include "demo_test_support.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "kvcheck/demo/text_render.hpp"
#include "kvcheck/report/atomic_write.hpp"

namespace kvcheck::demo::testing {

Walkthrough walkthrough(const DemoOptions& options, const std::string& variant) {
  return build_walkthrough(resolve_demo(options, *model::find_variant(variant)));
}

std::string plain_text(const Walkthrough& w, std::size_t width, bool ascii) {
  TextOptions options;
  options.width = width;
  options.ascii = ascii;
  std::string out;
  for (const std::string& page : demo_pages(w, options)) out += page;
  return out;
}

std::string source_path(const std::string& relative) {
  return std::string(KVCHECK_SOURCE_DIR) + "/" + relative;
}

::testing::AssertionResult matches_golden(const std::string& file, const std::string& actual) {
  return kvcheck::testing::matches_golden_file("fixtures/demo", file, actual);
}

}  // namespace kvcheck::demo::testing
