// The model zoo: every config in fixtures/configs loads, and fixtures/configs/README.md
// states the numbers kvcheck reads from it.
#include <gtest/gtest.h>

#include <set>

#include "kvcheck/io/load_config.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

TEST(Zoo, ReadmeTableMatchesWhatIsRead) {
  const std::string root = testing::source_path("fixtures/configs/");
  const auto rows = testing::markdown_rows(root + "README.md");
  ASSERT_GE(rows.size(), 20u);
  std::set<std::string> documented;
  for (const auto& cells : rows) {
    ASSERT_EQ(cells.size(), 9u);
    SCOPED_TRACE(cells[0]);
    documented.insert(root + cells[0]);
    const LoadedConfig c = load_config(root + cells[0]);
    EXPECT_EQ(c.format, cells[2]);
    EXPECT_EQ(std::to_string(c.config.n_heads), cells[3]);
    EXPECT_EQ(std::to_string(c.config.n_kv_heads), cells[4]);
    EXPECT_EQ(std::to_string(c.config.head_dim), cells[5]);
    EXPECT_EQ(std::to_string(c.config.hidden), cells[6]);
  }
  const std::vector<std::string> files = collect_config_files({root});
  EXPECT_EQ(std::set<std::string>(files.begin(), files.end()), documented);
}

TEST(Zoo, CoversTheShapesThatMatter) {
  std::set<std::int64_t> groups;
  bool odd_mqa = false;
  bool head_dim_not_hidden_over_heads = false;
  for (const std::string& file : collect_config_files({testing::source_path("fixtures/configs")})) {
    const model::AttentionConfig c = load_config(file).config;
    EXPECT_FALSE(c.validate().has_value()) << file;
    groups.insert(c.group());
    odd_mqa = odd_mqa || (c.n_kv_heads == 1 && c.n_heads % 2 == 1);
    head_dim_not_hidden_over_heads =
        head_dim_not_hidden_over_heads || c.head_dim * c.n_heads != c.hidden;
  }
  for (std::int64_t group : {1, 2, 4, 7, 8, 16}) EXPECT_EQ(groups.count(group), 1u) << group;
  EXPECT_TRUE(odd_mqa);
  EXPECT_TRUE(head_dim_not_hidden_over_heads);
}

}  // namespace
}  // namespace kvcheck::io
