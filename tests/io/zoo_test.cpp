// The model zoo: every config below fixtures/configs is in one table of its README, and the
// README states, field by field, what kvcheck must read from it (or why it must refuse it).
// The files were written from published numbers; the table is the expectation.
#include <gtest/gtest.h>

#include <set>

#include "kvcheck/check/cache_memory.hpp"
#include "kvcheck/io/load_config.hpp"
#include "kvcheck/io/not_checkable.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

const std::string& zoo_root() {
  static const std::string root = testing::source_path("fixtures/configs/");
  return root;
}

using Table = std::vector<std::vector<std::string>>;

Table table(std::size_t index, std::size_t columns) {
  const auto tables = testing::markdown_tables(zoo_root() + "README.md");
  EXPECT_GT(tables.size(), index);
  if (tables.size() <= index) return {};
  for (const auto& row : tables[index]) EXPECT_EQ(row.size(), columns) << row.front();
  return tables[index];
}

Table loadable() { return table(0, 13); }
Table refused() { return table(1, 4); }
Table windows() { return table(2, 3); }

TEST(Zoo, EveryFileIsInExactlyOneTable) {
  std::multiset<std::string> documented;
  for (const auto& row : loadable()) documented.insert(zoo_root() + row[0]);
  for (const auto& row : refused()) documented.insert(zoo_root() + row[0]);
  const std::vector<std::string> files = collect_config_files({zoo_root()});
  EXPECT_GE(files.size(), 60u);
  for (const std::string& f : files) EXPECT_EQ(documented.count(f), 1u) << f;
  EXPECT_EQ(documented.size(), files.size());
}

TEST(Zoo, EachLoadableFileReadsAsDocumented) {
  for (const auto& cells : loadable()) {
    if (cells.size() != 13) continue;  // reported by table()
    SCOPED_TRACE(cells[0]);
    LoadedConfig c;
    try {
      c = load_config(zoo_root() + cells[0]);
    } catch (const InputError& e) {
      ADD_FAILURE() << e.what();
      continue;
    }
    EXPECT_EQ(c.format, cells[2]);
    EXPECT_EQ(c.family, cells[3]);
    EXPECT_EQ(std::to_string(c.config.n_heads), cells[4]);
    EXPECT_EQ(std::to_string(c.config.n_kv_heads), cells[5]);
    EXPECT_EQ(std::to_string(c.config.head_dim), cells[6]);
    EXPECT_EQ(std::to_string(c.config.hidden), cells[7]);
    EXPECT_EQ(std::to_string(c.config.n_layers), cells[8]);
    EXPECT_EQ(c.context ? std::to_string(*c.context) : "-", cells[9]);
    EXPECT_EQ(model::dtype_name(c.config.dtype), cells[10]);
    EXPECT_EQ(std::to_string(check::cache_memory(c, {}).bytes_per_token), cells[11]);
  }
}

TEST(Zoo, EachRefusedFileSaysWhy) {
  const std::map<std::string, std::pair<NotCheckable::Reason, std::string>> why = {
      {"state-space", {NotCheckable::Reason::kNoKvCache, "a state-space model has no KV cache"}},
      {"recurrent", {NotCheckable::Reason::kNoKvCache, "a recurrent model has no KV cache"}},
      {"vision", {NotCheckable::Reason::kNoKvCache, "a vision encoder has no KV cache"}},
      {"encoder-only", {NotCheckable::Reason::kNoKvCache, "an encoder-only model has no KV cache"}},
      {"not-a-model-config", {NotCheckable::Reason::kNotModelConfig, "not a model config"}}};
  const Table rows = refused();
  EXPECT_GE(rows.size(), 10u);
  for (const auto& cells : rows) {
    if (cells.size() != 4) continue;
    SCOPED_TRACE(cells[0]);
    ASSERT_EQ(why.count(cells[2]), 1u) << cells[2];
    const auto& [reason, words] = why.at(cells[2]);
    const NotCheckable e = testing::not_checkable_of([&] { load_config(zoo_root() + cells[0]); });
    EXPECT_EQ(e.reason(), reason);
    EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
  }
}

TEST(Zoo, SlidingWindowsAsDocumented) {
  std::set<std::string> listed;
  for (const auto& cells : windows()) {
    if (cells.size() != 3) continue;
    SCOPED_TRACE(cells[0]);
    listed.insert(cells[0]);
    const LoadedConfig c = load_config(zoo_root() + cells[0]);
    EXPECT_EQ(c.window ? std::to_string(*c.window) : "-", cells[1]);
    EXPECT_EQ(std::to_string(c.window_layers), cells[2]);
  }
  // Every other loadable file has no window.
  for (const auto& cells : loadable()) {
    if (listed.count(cells[0]) != 0) continue;
    SCOPED_TRACE(cells[0]);
    EXPECT_EQ(load_config(zoo_root() + cells[0]).window_layers, 0);
  }
}

TEST(Zoo, CoversTheShapesThatMatter) {
  std::set<std::int64_t> groups;
  std::set<std::string> formats;
  bool odd_mqa = false;
  bool head_dim_not_hidden_over_heads = false;
  bool hybrid = false;
  bool latent = false;
  for (const auto& cells : loadable()) {
    const LoadedConfig c = load_config(zoo_root() + cells[0]);
    groups.insert(c.config.group());
    formats.insert(c.format);
    odd_mqa = odd_mqa || (c.config.n_kv_heads == 1 && c.config.n_heads % 2 == 1);
    head_dim_not_hidden_over_heads =
        head_dim_not_hidden_over_heads || c.config.head_dim * c.config.n_heads != c.config.hidden;
    hybrid = hybrid || c.config.n_layers < c.model_layers;
    latent = latent || c.latent_width.has_value();
  }
  for (std::int64_t group : {1, 2, 4, 7, 8, 16}) EXPECT_EQ(groups.count(group), 1u) << group;
  for (const char* f : {"huggingface", "meta", "lingua", "gpt-neox", "olmo", "llm-foundry",
                        "nanotron", "litgpt", "kvcheck"}) {
    EXPECT_EQ(formats.count(f), 1u) << f;
  }
  EXPECT_TRUE(odd_mqa);
  EXPECT_TRUE(head_dim_not_hidden_over_heads);
  EXPECT_TRUE(hybrid);
  EXPECT_TRUE(latent);
}

}  // namespace
}  // namespace kvcheck::io
