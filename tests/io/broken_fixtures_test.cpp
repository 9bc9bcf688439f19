// Every file in fixtures/broken fails with exactly the message fixtures/broken/EXPECTED.md
// documents, and every file there is documented.
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "kvcheck/io/load_config.hpp"
#include "kvcheck/io/reader_support.hpp"
#include "kvcheck/model/variant.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

/// One row of EXPECTED.md: fixture, what is wrong, line, field, message.
struct Expected {
  std::string fixture;
  int line = 0;
  std::string field;
  std::string message;
};

/// The table writes the catalog's names as a placeholder: the catalog grows on its own.
std::string with_variant_names(std::string message) {
  const std::string placeholder = "{variant_names}";
  const std::size_t at = message.find(placeholder);
  if (at == std::string::npos) return message;
  return message.replace(at, placeholder.size(), join_names(model::variant_names()));
}

std::vector<Expected> expected_rows() {
  std::vector<Expected> rows;
  for (const auto& cells :
       testing::markdown_rows(testing::source_path("fixtures/broken/EXPECTED.md"))) {
    EXPECT_EQ(cells.size(), 5u);
    if (cells.size() != 5) continue;
    rows.push_back(Expected{cells[0], std::stoi(cells[2]), cells[3], with_variant_names(cells[4])});
  }
  return rows;
}

TEST(BrokenFixtures, EveryFileHasARow) {
  std::set<std::string> documented;
  for (const Expected& row : expected_rows()) documented.insert(row.fixture);
  std::set<std::string> present;
  for (const auto& entry :
       std::filesystem::directory_iterator(testing::source_path("fixtures/broken"))) {
    const std::string name = entry.path().filename().string();
    if (name != "EXPECTED.md") present.insert(name);
  }
  EXPECT_EQ(present, documented);
}

TEST(BrokenFixtures, EachFailsWithItsDocumentedMessage) {
  const std::string root = testing::source_path("");
  const std::vector<Expected> rows = expected_rows();
  ASSERT_GE(rows.size(), 20u);
  for (const Expected& row : rows) {
    SCOPED_TRACE(row.fixture);
    const std::string path = root + "fixtures/broken/" + row.fixture;
    const InputError e = testing::input_error_of([&] { load_config(path); });
    // The table's paths are relative to the source tree; the loader names the path it got.
    EXPECT_EQ(std::string(e.what()), root + row.message);
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.line(), row.line);
    EXPECT_EQ(e.field(), row.field);
    EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos);
  }
}

}  // namespace
}  // namespace kvcheck::io
