// matches_golden_file: one comparison, one regeneration switch, for every golden test.
#include "golden.hpp"

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kvcheck/report/atomic_write.hpp"

namespace kvcheck::testing {

::testing::AssertionResult matches_golden_file(const std::string& folder, const std::string& file,
                                               const std::string& actual) {
  const std::string name = folder + "/" + file;
  const std::string path = std::string(KVCHECK_SOURCE_DIR) + "/" + name;
  const char* update = std::getenv("KVCHECK_UPDATE_GOLDENS");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    report::write_file_atomically(path, actual);
    return ::testing::AssertionSuccess() << "rewrote " << name;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return ::testing::AssertionFailure()
           << "missing golden " << name
           << "; create it with KVCHECK_UPDATE_GOLDENS=1 (see CONTRIBUTING.md)";
  }
  std::ostringstream whole;
  whole << in.rdbuf();
  if (whole.str() == actual) return ::testing::AssertionSuccess();
  std::istringstream want(whole.str());
  std::istringstream got(actual);
  std::string a;
  std::string b;
  for (int line = 1;; ++line) {
    const bool more_a = static_cast<bool>(std::getline(want, a));
    const bool more_b = static_cast<bool>(std::getline(got, b));
    if (!more_a && !more_b) break;
    if (a != b || more_a != more_b) {
      return ::testing::AssertionFailure()
             << name << " differs at line " << line
             << "\n  golden: " << (more_a ? a : "<end of file>")
             << "\n  actual: " << (more_b ? b : "<end of file>")
             << "\nif the change is intended, regenerate with KVCHECK_UPDATE_GOLDENS=1 and "
                "review the diff (see CONTRIBUTING.md)";
    }
  }
  return ::testing::AssertionFailure() << name << " differs only in its final newline";
}

}  // namespace kvcheck::testing
