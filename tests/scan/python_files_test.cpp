// collect_python_files: which files a scan reads.
#include "kvcheck/scan/python_files.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "kvcheck/base/input_error.hpp"
#include "temp_folder.hpp"

namespace kvcheck::scan {
namespace {

namespace fs = std::filesystem;

class PythonFilesTest : public testing::TempFolderTest {
 protected:
  void SetUp() override {
    TempFolderTest::SetUp();
    for (const char* f : {"model/attention.py", "model/cache.py", "model/README.md",
                          "model/__pycache__/attention.cpython-311.py", ".git/hooks/x.py",
                          "venv/lib/site.py", "venv/pyvenv.cfg", "deps/site-packages/torch/nn.py",
                          "tests/test_attention.py", "setup.py"}) {
      write(f, "x = 1\n");
    }
  }
  std::vector<std::string> relative(const std::vector<std::string>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(fs::relative(f, root_).generic_string());
    return out;
  }
};

TEST_F(PythonFilesTest, FolderSkipsHiddenCachesVirtualenvsAndPackages) {
  EXPECT_EQ(relative(collect_python_files({root_.string()})),
            (std::vector<std::string>{"model/attention.py", "model/cache.py", "setup.py",
                                      "tests/test_attention.py"}));
}

TEST_F(PythonFilesTest, ExcludeGlobsMatchPathOrName) {
  EXPECT_EQ(relative(collect_python_files({root_.string()}, {"*/tests/*", "setup.py"})),
            (std::vector<std::string>{"model/attention.py", "model/cache.py"}));
}

TEST_F(PythonFilesTest, NamedFilesAreReadOnceWhateverTheirExtension) {
  const std::string readme = (root_ / "model/README.md").string();
  const std::string attention = (root_ / "model/attention.py").string();
  EXPECT_EQ(collect_python_files({readme, attention, (root_ / "model").string()}).size(), 3u);
}

TEST_F(PythonFilesTest, MissingPathIsAnInputError) {
  try {
    collect_python_files({(root_ / "nope").string()});
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_NE(std::string(e.what()).find("no such file or folder"), std::string::npos);
  }
}

}  // namespace
}  // namespace kvcheck::scan
