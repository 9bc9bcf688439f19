// The JSON report against docs/report-schema.json: it validates, the schema and writer agree
// on every key, and the checker itself catches drift.
#include "kvcheck/report/json_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "sample_runs.hpp"
#include "schema_check.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

using nlohmann::json;

json load_schema() {
  bool ok = false;
  const std::string text = read_text(source_path("docs/report-schema.json"), &ok);
  EXPECT_TRUE(ok) << "docs/report-schema.json is missing";
  return ok ? json::parse(text) : json::object();
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

TEST(JsonWriter, EverySampleRunConformsToTheSchema) {
  const json schema = load_schema();
  for (const NamedRun& sample : kSampleRuns) {
    const json doc = json::parse(write_json(sample.make(), sample_context()));
    EXPECT_EQ(joined(schema_violations(schema, doc)), "") << sample.name;
  }
}

TEST(JsonWriter, SchemaDeclaresEveryKeyRequired) {
  EXPECT_EQ(joined(optional_properties(load_schema())), "");
}

TEST(JsonWriter, SchemaVersionMatchesTheWriter) {
  EXPECT_EQ(load_schema()["properties"]["schema_version"]["const"], kJsonSchemaVersion);
  const json doc = json::parse(write_json(mixed_run(), sample_context()));
  EXPECT_EQ(doc["schema_version"], kJsonSchemaVersion);
  EXPECT_EQ(doc["tool"]["version"], "0.1.0");
}

TEST(JsonWriter, CheckerReportsMissingExtraAndMistypedKeys) {
  const json schema = load_schema();
  json doc = json::parse(write_json(mixed_run(), sample_context()));
  doc["configs"][1]["verdicts"][0]["counterexample"].erase("step");
  doc["configs"][0]["memory"]["bytes_per_kv_head"] = 1;
  doc["configs"][0]["verdicts"][0]["status"] = "HOLDS";
  doc["summary"]["configs"] = -1;
  const std::vector<std::string> problems = schema_violations(schema, doc);
  const std::string all = joined(problems);
  EXPECT_NE(all.find("/configs/1/verdicts/0/counterexample: missing required key 'step'"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/configs/0/memory: key 'bytes_per_kv_head' is not in the schema"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("/configs/0/verdicts/0/status: \"HOLDS\" is not one of"), std::string::npos)
      << all;
  EXPECT_NE(all.find("/summary/configs: -1 is below the minimum 0"), std::string::npos) << all;
}

TEST(JsonWriter, CarriesTheCounterexampleField) {
  const json doc = json::parse(write_json(mixed_run(), sample_context()));
  const json& failing = doc["configs"][1];
  EXPECT_EQ(failing["path"], "fixtures/configs/kvcheck/tiny-cache-sized-by-n_heads.yaml");
  EXPECT_EQ(failing["implementation"]["cache"], "n_heads");
  const json& v = failing["verdicts"][0];
  EXPECT_EQ(v["property"], "shape-safety");
  EXPECT_EQ(v["status"], "REFUTED");
  EXPECT_EQ(v["counterexample"]["op_failure"]["op"], "index_copy_");
  EXPECT_EQ(v["counterexample"]["op_failure"]["condition"], "always");
  EXPECT_EQ(v["proof"]["failure"]["condition"], "group >= 2");
  EXPECT_EQ(v["proof"]["failure"]["smallest"], "n_kv_heads=1, group=2 (n_heads=2)");
  EXPECT_EQ(v["replay"],
            "kvcheck replay --variant cache-sized-by-n_heads --property shape-safety --config "
            "\"n_heads=2 n_kv_heads=1 head_dim=4 hidden=1 batch=1 prompt_len=1 decode_steps=0 "
            "max_seq_len=1\" --seed 7");
  const json& diff = doc["configs"][2]["verdicts"][3]["counterexample"]["numeric_diff"];
  EXPECT_EQ(diff["head"], 1);
  EXPECT_EQ(doc["configs"][2]["verdicts"][1]["counterexample"]["numeric_diff"]["head"], nullptr);
  EXPECT_EQ(doc["summary"]["latent"], 2);
}

TEST(JsonWriter, ReplacesBytesThatAreNotUtf8) {
  check::CheckRun run = clean_run();
  run.configs[0].loaded.path = "models/\xff\xfe.json";
  const json doc = json::parse(write_json(run, sample_context()));
  EXPECT_EQ(doc["configs"][0]["path"], "models/\xEF\xBF\xBD\xEF\xBF\xBD.json");
}

TEST(JsonWriter, NonFiniteNumbersBecomeNull) {
  check::CheckRun run = mixed_run();
  auto& diff = run.configs[2].verdicts[1].search.failure->diff;
  diff->max_abs_error = std::numeric_limits<double>::quiet_NaN();
  diff->actual = std::numeric_limits<double>::infinity();
  const json doc = json::parse(write_json(run, sample_context()));
  EXPECT_EQ(joined(schema_violations(load_schema(), doc)), "");
  EXPECT_EQ(doc["configs"][2]["verdicts"][1]["counterexample"]["numeric_diff"]["actual"], nullptr);
}

}  // namespace
}  // namespace kvcheck::report::testing
