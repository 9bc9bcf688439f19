// Support code for the demo tests: goldens are written with the atomic writer the reports use.
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
  const std::string path = source_path("fixtures/demo/" + file);
  const char* update = std::getenv("KVCHECK_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    report::write_file_atomically(path, actual);
    return ::testing::AssertionSuccess() << "rewrote " << file;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ::testing::AssertionFailure() << "missing golden fixtures/demo/" << file
                                         << "; create it with KVCHECK_UPDATE_GOLDENS=1";
  }
  std::ostringstream whole;
  whole << in.rdbuf();
  if (whole.str() == actual) return ::testing::AssertionSuccess();
  std::istringstream want(whole.str());
  std::istringstream got(actual);
  std::string a;
  std::string b;
  int line = 1;
  while (true) {
    const bool more_a = static_cast<bool>(std::getline(want, a));
    const bool more_b = static_cast<bool>(std::getline(got, b));
    if (!more_a && !more_b) break;
    if (a != b || more_a != more_b) {
      return ::testing::AssertionFailure()
             << "fixtures/demo/" << file << " differs at line " << line
             << "\n  golden: " << (more_a ? a : "<end of file>")
             << "\n  actual: " << (more_b ? b : "<end of file>")
             << "\nif intended, regenerate with KVCHECK_UPDATE_GOLDENS=1 and review the diff";
    }
    ++line;
  }
  return ::testing::AssertionFailure()
         << "fixtures/demo/" << file << " differs only in its final newline";
}

}  // namespace kvcheck::demo::testing
