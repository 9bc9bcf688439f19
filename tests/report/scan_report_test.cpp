// The scan's reports over fixtures/scan: golden files for every format, the JSON against
// docs/scan-report-schema.json, the SARIF through the SARIF Multitool's validator and the
// JUnit through junit2json.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "golden.hpp"
#include "kvcheck/report/atomic_write.hpp"
#include "kvcheck/report/scan_report.hpp"
#include "kvcheck/scan/scan.hpp"
#include "schema_check.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

using json = nlohmann::json;

/// The fixtures scanned from the source tree, so paths in reports are "fixtures/scan/...".
const scan::ScanResult& fixture_scan() {
  static const scan::ScanResult result = [] {
    const auto here = std::filesystem::current_path();
    std::filesystem::current_path(KVCHECK_SOURCE_DIR);
    scan::ScanResult r = scan::scan(scan::ScanOptions{{"fixtures/scan"}, {}});
    std::filesystem::current_path(here);
    return r;
  }();
  return result;
}

const WriterContext kContext{"0.1.0", "kvcheck scan fixtures/scan"};

class ScanGolden : public ::testing::TestWithParam<std::string_view> {};

TEST_P(ScanGolden, MatchesGoldenFile) {
  const ScanFormat* format = find_scan_format(GetParam());
  ASSERT_NE(format, nullptr);
  const std::string text = format->write(fixture_scan(), kContext, Style{}, false);
  EXPECT_TRUE(kvcheck::testing::matches_golden_file("fixtures/scan-reports",
                                                    "report." + std::string(format->extension), text));
}

std::vector<std::string_view> scan_formats() {
  std::vector<std::string_view> out;
  for (const ScanFormat& f : scan_format_registry()) out.push_back(f.name);
  return out;
}

INSTANTIATE_TEST_SUITE_P(Formats, ScanGolden, ::testing::ValuesIn(scan_formats()),
                         [](const auto& p) { return std::string(p.param); });

TEST(ScanReport, ExplainShowsTracedOpsAndWhereTheAnalysisStopped) {
  const auto here = std::filesystem::current_path();
  std::filesystem::current_path(KVCHECK_SOURCE_DIR);
  const scan::ScanResult r =
      scan::scan(scan::ScanOptions{{"fixtures/scan/meta_fixed.py", "fixtures/scan/gptfast_cache_n_heads.py"}, {}});
  std::filesystem::current_path(here);
  EXPECT_TRUE(kvcheck::testing::matches_golden_file("fixtures/scan-reports", "explain.txt",
                                                    write_scan_text(r, kContext, Style{}, true)));
}

TEST(ScanReport, JsonFollowsItsSchemaWithEveryKeyRequired) {
  bool ok = false;
  const json schema = json::parse(read_text(source_path("docs/scan-report-schema.json"), &ok));
  ASSERT_TRUE(ok);
  const json doc = json::parse(write_scan_json(fixture_scan(), kContext, Style{}, true));
  ASSERT_FALSE(doc["sites"].empty());
  std::string problems;
  for (const std::string& p : schema_violations(schema, doc)) problems += p + "\n";
  EXPECT_EQ(problems, "");
  std::string optional;
  for (const std::string& p : optional_properties(schema)) optional += p + "\n";
  EXPECT_EQ(optional, "");
  EXPECT_EQ(schema["properties"]["schema_version"]["const"], kScanSchemaVersion);
  // The schema can fail: a finding without its rule is caught.
  json broken = doc;
  broken["findings"][0].erase("rule");
  EXPECT_FALSE(schema_violations(schema, broken).empty());
}

TEST(ScanReport, TheSarifMultitoolAcceptsItWithRelatedLocations) {
  const std::string tool = project_tool("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
  ASSERT_TRUE(std::filesystem::exists(tool)) << tool << " is missing: run scripts/setup.sh";
  ::setenv("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1", 1);
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  const std::string sarif = write_scan_sarif(fixture_scan(), kContext, Style{}, false);
  const json log = json::parse(sarif);
  const json& results = log["runs"][0]["results"];
  ASSERT_EQ(results.size(), fixture_scan().findings.size());
  bool related = false;
  for (const json& r : results) {
    EXPECT_GE(r["locations"][0]["physicalLocation"]["region"]["startColumn"].get<int>(), 1);
    related = related || r.contains("relatedLocations");
  }
  EXPECT_TRUE(related);
  write_file_atomically(dir + "/scan.sarif", sarif);
  const ToolRun run = run_tool({tool, "validate", dir + "/scan.sarif", "--output", dir + "/v.sarif", "--log",
                                "ForceOverwrite"});
  EXPECT_EQ(run.exit_code, 0) << run.output;
  const json validation = json::parse(read_text(dir + "/v.sarif"));
  std::string errors;
  for (const json& r : validation["runs"][0].value("results", json::array())) {
    if (r.value("level", "warning") == "error") errors += r.value("ruleId", "?") + ": " + r["message"].dump() + "\n";
  }
  EXPECT_EQ(errors, "");
  std::filesystem::remove_all(dir);
}

TEST(ScanReport, Junit2jsonReadsOneFailurePerFinding) {
  const std::string tool = project_tool("node_modules/.bin/junit2json");
  ASSERT_TRUE(std::filesystem::exists(tool)) << tool << " is missing: run scripts/setup.sh";
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  write_file_atomically(dir + "/scan.xml", write_scan_junit(fixture_scan(), kContext, Style{}, false));
  const ToolRun run = run_tool({tool, dir + "/scan.xml"});
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const json doc = json::parse(run.output);
  EXPECT_EQ(doc["failures"], static_cast<int>(fixture_scan().findings.size()));
  EXPECT_EQ(doc["errors"], static_cast<int>(fixture_scan().notes.size()));
  std::filesystem::remove_all(dir);
}

TEST(ScanReport, ControlCharactersFromSourceNeverReachTheTerminal) {
  scan::ScanResult r;
  scan::Finding f;
  f.rule = "shape-safety";
  f.where = scan::CodeLocation{"evil\x1b[2J.py", {3, 1}};
  f.message = "bad\r\nkvcheck: error: forged";
  f.code = "x = '\x1b]0;title\x07'";
  r.findings.push_back(f);
  const std::string text = write_scan_text(r, kContext, Style{}, false);
  EXPECT_EQ(text.find('\x1b'), std::string::npos);
  EXPECT_EQ(text.find('\r'), std::string::npos);
  EXPECT_EQ(text.find('\x07'), std::string::npos);
  EXPECT_EQ(text.find("\nkvcheck: error: forged"), std::string::npos);
}

}  // namespace
}  // namespace kvcheck::report::testing
