// The JUnit XML: well-formed for xmllint, and read back with the right counts and texts by
// junit2json, a real JUnit consumer (installed by scripts/setup.sh).
#include "kvcheck/report/junit_writer.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "kvcheck/report/atomic_write.hpp"
#include "kvcheck/report/run_tally.hpp"
#include "sample_runs.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

using nlohmann::json;

/// Writes the report to a scratch file and returns its path.
class JunitFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir();
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string file(const std::string& name, const check::CheckRun& run) {
    const std::string path = dir_ + "/" + name + ".xml";
    write_file_atomically(path, write_junit(run, sample_context()));
    return path;
  }
  /// The report as junit2json reads it.
  json read_back(const std::string& path) {
    const std::string tool = project_tool("node_modules/.bin/junit2json");
    EXPECT_TRUE(std::filesystem::exists(tool)) << tool << " is missing: run scripts/setup.sh";
    const ToolRun run = run_tool({tool, path});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    return run.exit_code == 0 ? json::parse(run.output) : json::object();
  }
  std::string dir_;
};

TEST_F(JunitFiles, XmllintFindsThemWellFormed) {
  for (const NamedRun& sample : kSampleRuns) {
    const ToolRun run = run_tool({"xmllint", "--noout", file(sample.name, sample.make())});
    EXPECT_EQ(run.exit_code, 0) << sample.name << ":\n" << run.output;
    EXPECT_EQ(run.output, "") << sample.name;
  }
}

TEST_F(JunitFiles, Junit2jsonReadsBackTheCounts) {
  const check::CheckRun run = mixed_run();
  const RunTally t = tally(run);
  const json doc = read_back(file("mixed", run));
  ASSERT_TRUE(doc.contains("testsuite"));
  const std::size_t skipped = run.skipped.size();
  ASSERT_GT(skipped, 0u);
  EXPECT_EQ(doc["tests"], t.verdicts + static_cast<int>(skipped));
  EXPECT_EQ(doc["failures"], t.refuted);
  EXPECT_EQ(doc["errors"], 0);
  EXPECT_EQ(doc["skipped"], skipped);
  // One suite per config, then one for the files skipped in folders.
  ASSERT_EQ(doc["testsuite"].size(), run.configs.size() + 1);
  const json& skipped_suite = doc["testsuite"][run.configs.size()];
  EXPECT_EQ(skipped_suite["skipped"], skipped);
  ASSERT_EQ(skipped_suite["testcase"].size(), skipped);
  for (std::size_t i = 0; i < skipped; ++i) {
    EXPECT_EQ(skipped_suite["testcase"][i]["name"], run.skipped[i].path);
    EXPECT_TRUE(skipped_suite["testcase"][i].contains("skipped"));
  }
  int cases = 0;
  int failures = 0;
  for (std::size_t i = 0; i < run.configs.size(); ++i) {
    const json& suite = doc["testsuite"][i];
    EXPECT_EQ(suite["name"], run.configs[i].loaded.path);
    for (const json& c : suite["testcase"]) {
      ++cases;
      EXPECT_EQ(c["classname"], run.configs[i].loaded.config.name);
      EXPECT_FALSE(c.contains("skipped"));
      if (c.contains("failure")) ++failures;
    }
    EXPECT_EQ(suite["tests"], suite["testcase"].size());
  }
  EXPECT_EQ(cases, t.verdicts);
  EXPECT_EQ(failures, t.refuted);

  const json& failing = doc["testsuite"][1];
  std::map<std::string, std::string> properties;
  for (const json& p : failing["properties"]) properties[p["name"]] = p["value"].dump();
  EXPECT_EQ(properties["seed"], "7");
  EXPECT_EQ(properties["variant"], "\"cache-sized-by-n_heads\"");
  EXPECT_EQ(properties["config"],
            "\"n_heads=2 n_kv_heads=1 head_dim=4 hidden=8 batch=1 prompt_len=3 decode_steps=2 "
            "max_seq_len=5\"");
  const json& failure = failing["testcase"][0]["failure"][0];
  EXPECT_EQ(failure["type"], "REFUTED");
  const std::string message = failure["message"];
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(message.rfind("shape-safety fails for tiny-gqa (variant cache-sized-by-n_heads)", 0),
            0u)
      << message;
  const std::string body = failure["inner"];
  EXPECT_NE(body.find("replay: kvcheck replay --variant cache-sized-by-n_heads --property "
                      "shape-safety --config \"n_heads=2"),
            std::string::npos)
      << body;
}

TEST_F(JunitFiles, MarkupAndControlCharactersSurviveTheRoundTrip) {
  check::CheckRun run = mixed_run();
  run.configs[1].loaded.path = "a&b <c> \"d\".yaml";
  run.configs[1].loaded.config.name = "x\ty";
  run.configs[1].verdicts[0].search.failure->op_failure->error.message = "bell \a and ]]> end";
  const std::string path = file("odd", run);
  const ToolRun lint = run_tool({"xmllint", "--noout", path});
  EXPECT_EQ(lint.exit_code, 0) << lint.output;
  const json doc = read_back(path);
  ASSERT_TRUE(doc.contains("testsuite"));
  EXPECT_EQ(doc["testsuite"][1]["name"], "a&b <c> \"d\".yaml");
  EXPECT_EQ(doc["testsuite"][1]["testcase"][0]["classname"], "x\ty");
  const std::string message = doc["testsuite"][1]["testcase"][0]["failure"][0]["message"];
  EXPECT_NE(message.find("bell \xEF\xBF\xBD and ]]> end"), std::string::npos) << message;
}

TEST(JunitWriter, InconsistentIsAnErrorAndNothingIsSkipped) {
  check::CheckRun run = clean_run();
  run.configs[0].verdicts[2].status = check::Status::kInconsistent;
  run.configs[0].verdicts[2].note = "the prover and the search disagree";
  const std::string xml = write_junit(run, sample_context());
  EXPECT_NE(xml.find("errors=\"1\""), std::string::npos);
  EXPECT_NE(xml.find("<error message=\"cache-footprint is INCONSISTENT for llama-3-8b"),
            std::string::npos)
      << xml;
  EXPECT_EQ(xml.find("<skipped"), std::string::npos);
}

}  // namespace
}  // namespace kvcheck::report::testing
