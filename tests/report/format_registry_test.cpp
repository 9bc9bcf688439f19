// The format table is complete: every format is registered once, documented in
// docs/report-formats.md, and has a golden file for every sample run.
#include "kvcheck/report/format_registry.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <set>

#include "sample_runs.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

TEST(FormatRegistry, HasEveryFormatOnceInHelpOrder) {
  const std::vector<std::string> expected{"text", "json", "markdown", "sarif", "junit", "github"};
  EXPECT_EQ(format_names(), expected);
  std::set<std::string_view> extensions;
  for (const Format& f : format_registry()) {
    EXPECT_FALSE(f.description.empty()) << f.name;
    EXPECT_EQ(f.description.find('\n'), std::string_view::npos) << f.name;
    EXPECT_NE(f.write, nullptr) << f.name;
    EXPECT_TRUE(extensions.insert(f.extension).second) << "extension used twice: " << f.extension;
  }
}

TEST(FormatRegistry, FindsByNameOnly) {
  ASSERT_NE(find_format("sarif"), nullptr);
  EXPECT_EQ(find_format("sarif")->name, "sarif");
  EXPECT_EQ(find_format("SARIF"), nullptr);
  EXPECT_EQ(find_format("html"), nullptr);
}

TEST(FormatRegistry, EveryFormatIsDocumented) {
  bool ok = false;
  const std::string doc = read_text(source_path("docs/report-formats.md"), &ok);
  ASSERT_TRUE(ok) << "docs/report-formats.md is missing";
  for (const Format& f : format_registry()) {
    EXPECT_NE(doc.find("\n## `" + std::string(f.name) + "`"), std::string::npos)
        << "docs/report-formats.md has no section \"## `" << f.name << "`\"";
  }
}

TEST(FormatRegistry, EveryFormatHasGoldenFiles) {
  for (const Format& f : format_registry()) {
    for (const NamedRun& sample : kSampleRuns) {
      const std::string file = std::string(sample.name) + "." + std::string(f.extension);
      EXPECT_TRUE(std::filesystem::is_regular_file(source_path("fixtures/reports/" + file)))
          << "missing golden fixtures/reports/" << file;
    }
  }
}

}  // namespace
}  // namespace kvcheck::report::testing
