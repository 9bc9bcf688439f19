// Golden files: every registered format, on every sample run, byte for byte; and the same
// input twice gives the same bytes.
#include <gtest/gtest.h>

#include "kvcheck/report/format_registry.hpp"
#include "sample_runs.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

class GoldenTest : public ::testing::TestWithParam<std::string_view> {};

TEST_P(GoldenTest, MatchesGoldenFiles) {
  const Format* format = find_format(GetParam());
  ASSERT_NE(format, nullptr);
  for (const NamedRun& sample : kSampleRuns) {
    const std::string file = std::string(sample.name) + "." + std::string(format->extension);
    EXPECT_TRUE(matches_golden(file, format->write(sample.make(), sample_context(), Style{})));
  }
}

TEST_P(GoldenTest, SameInputGivesSameBytes) {
  const Format* format = find_format(GetParam());
  ASSERT_NE(format, nullptr);
  for (const NamedRun& sample : kSampleRuns) {
    // Two runs built apart: equal values must not depend on addresses or container history.
    const std::string first = format->write(sample.make(), sample_context(), Style{});
    const std::string second = format->write(sample.make(), sample_context(), Style{});
    EXPECT_EQ(first, second) << sample.name;
  }
}

std::vector<std::string_view> all_formats() {
  std::vector<std::string_view> out;
  for (const Format& f : format_registry()) out.push_back(f.name);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Formats, GoldenTest, ::testing::ValuesIn(all_formats()),
                         [](const auto& param_info) { return std::string(param_info.param); });

}  // namespace
}  // namespace kvcheck::report::testing
