// load_config: format detection and folder collection.
#include "kvcheck/io/load_config.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "test_support.hpp"

namespace kvcheck::io {
namespace {

namespace fs = std::filesystem;
using testing::input_error_of;

TEST(LoadConfig, RecordsFormatAndPath) {
  const std::string path = testing::source_path("fixtures/configs/lingua/llama-1b.yaml");
  const LoadedConfig c = load_config(path);
  EXPECT_EQ(c.format, "lingua");
  EXPECT_EQ(c.path, path);
  EXPECT_EQ(c.config.n_layers, 25);
}

TEST(CollectConfigFiles, ZooInSortedOrder) {
  const std::string root = testing::source_path("fixtures/configs");
  const std::vector<std::string> files = collect_config_files({root});
  ASSERT_GE(files.size(), 60u);
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
  const std::vector<ConfigInput> inputs = collect_config_inputs({root, root + "/README.md"});
  EXPECT_FALSE(inputs.front().named);
  EXPECT_TRUE(inputs.back().named);
  EXPECT_EQ(inputs.back().path, root + "/README.md");
}

class CollectInFolder : public ::testing::Test {
 protected:
  void SetUp() override {
    // One folder per test and process: ctest runs tests in parallel, and a shared folder
    // would be removed under a neighbour's feet.
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = fs::path(::testing::TempDir()) /
           ("kvcheck_io_collect_" + std::string(info->name()) + "_" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    for (const char* file : {"b.yaml", "a.json", "C.YML", "notes.md", "sub/z.json",
                             "sub/deeper/y.yml", ".hidden/x.json", "sub/.swap.yaml"}) {
      fs::create_directories((dir_ / file).parent_path());
      std::ofstream(dir_ / file) << "{}\n";
    }
    fs::create_directories(dir_ / "folder.json");
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string at(const std::string& name) const { return (dir_ / name).generic_string(); }

  fs::path dir_;
};

TEST_F(CollectInFolder, RecursiveSortedAndFiltered) {
  EXPECT_EQ(collect_config_files({dir_.string()}),
            (std::vector<std::string>{at("C.YML"), at("a.json"), at("b.yaml"),
                                      at("sub/deeper/y.yml"), at("sub/z.json")}));
}

TEST_F(CollectInFolder, FilesKeepArgumentOrderAndAnyExtension) {
  EXPECT_EQ(collect_config_files({at("notes.md"), at("sub"), at("a.json")}),
            (std::vector<std::string>{at("notes.md"), at("sub/deeper/y.yml"), at("sub/z.json"),
                                      at("a.json")}));
}

TEST_F(CollectInFolder, MissingPathIsAnInputError) {
  const InputError e = input_error_of([&] { collect_config_files({at("nope")}); });
  EXPECT_EQ(e.file(), at("nope"));
  EXPECT_EQ(std::string(e.what()), at("nope") + ": no such file or folder");
}

}  // namespace
}  // namespace kvcheck::io
