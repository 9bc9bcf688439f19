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

std::string format_of_yaml(const std::string& text) {
  return detect_format(parse_yaml_document("f.yaml", text));
}

TEST(DetectFormat, ByTopLevelKeys) {
  EXPECT_EQ(format_of_yaml("kvcheck: {}\n"), "kvcheck");
  EXPECT_EQ(format_of_yaml("attention: {}\n"), "kvcheck");
  EXPECT_EQ(format_of_yaml("model:\n  dim: 8\n"), "lingua");
  EXPECT_EQ(format_of_yaml("model:\n  n_heads: 8\n"), "lingua");
  EXPECT_EQ(format_of_yaml("num_attention_heads: 8\n"), "huggingface");
  EXPECT_EQ(format_of_yaml("model_type: llama\n"), "huggingface");
  EXPECT_EQ(format_of_yaml("text_config: {}\n"), "huggingface");
  // The syntax does not decide: a kvcheck block in JSON is a kvcheck file.
  EXPECT_EQ(detect_format(parse_json_document("f.json", R"({"kvcheck": {}})")), "kvcheck");
}

TEST(DetectFormat, UnknownShapes) {
  EXPECT_STREQ(input_error_of([] { format_of_yaml("- 1\n- 2\n"); }).what(),
               "f.yaml:1: expected a mapping at the top level, got a list");
  EXPECT_STREQ(input_error_of([] { format_of_yaml("model: llama\n"); }).what(),
               "f.yaml:1: cannot tell the config format: expected a top-level kvcheck: block, a "
               "lingua model: block with dim and n_heads, or a Hugging Face config with "
               "model_type and num_attention_heads");
}

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
  ASSERT_EQ(files.size(), 26u);
  EXPECT_EQ(files.front(), root + "/huggingface/falcon-40b.json");
  EXPECT_EQ(files[20], root + "/kvcheck/llama-3-8b-tiled.yaml");
  EXPECT_EQ(files.back(), root + "/lingua/llama-3-8b-gqa.yaml");
  EXPECT_TRUE(std::is_sorted(files.begin(), files.end()));
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
