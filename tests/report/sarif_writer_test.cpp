// The SARIF log: accepted by the SARIF Multitool's validator, one rule per property and per
// latent property, results at the right line, fingerprints that ignore seeds and numbers.
#include "kvcheck/report/sarif_writer.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "kvcheck/props/property.hpp"
#include "kvcheck/report/atomic_write.hpp"
#include "sample_runs.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

using nlohmann::json;

json sarif_of(const check::CheckRun& run) {
  return json::parse(write_sarif(run, sample_context()));
}

/// The validator's findings at level error, as "ruleId: message" lines.
std::string validator_errors(const json& log) {
  std::string out;
  for (const json& run : log["runs"]) {
    for (const json& r : run.value("results", json::array())) {
      if (r.value("level", "warning") == "error") {
        out += r.value("ruleId", "?") + ": " + r["message"].dump() + "\n";
      }
    }
  }
  return out;
}

TEST(SarifWriter, TheSarifMultitoolAcceptsIt) {
  // Installed by scripts/setup.sh; a missing validator must fail the test, not skip it.
  const std::string tool =
      project_tool("node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool");
  ASSERT_TRUE(std::filesystem::exists(tool)) << tool << " is missing: run scripts/setup.sh";
  // The validator is a .NET program; invariant globalization spares it a dependency on ICU.
  ::setenv("DOTNET_SYSTEM_GLOBALIZATION_INVARIANT", "1", 1);
  const std::string dir = scratch_dir();
  ASSERT_FALSE(dir.empty());
  const auto validate = [&](const std::string& name, const std::string& sarif) {
    const std::string input = dir + "/" + name + ".sarif";
    const std::string output = dir + "/" + name + ".validation.sarif";
    write_file_atomically(input, sarif);
    const ToolRun run =
        run_tool({tool, "validate", input, "--output", output, "--log", "ForceOverwrite"});
    EXPECT_EQ(run.exit_code, 0) << run.output;
    bool ok = false;
    const std::string report = read_text(output, &ok);
    EXPECT_TRUE(ok) << "the validator wrote no report:\n" << run.output;
    return ok ? validator_errors(json::parse(report)) : std::string("no report");
  };
  for (const NamedRun& sample : kSampleRuns) {
    EXPECT_EQ(validate(sample.name, write_sarif(sample.make(), sample_context())), "")
        << sample.name;
  }
  // The validator reports schema violations as results, not through its exit code: make
  // sure this test would see one.
  json broken = sarif_of(mixed_run());
  broken["runs"][0]["results"][0].erase("message");
  EXPECT_NE(validate("broken", broken.dump()).find("JSON1002"), std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST(SarifWriter, DeclaresVersionToolAndEveryRule) {
  const json log = sarif_of(clean_run());
  EXPECT_EQ(log["$schema"], "https://json.schemastore.org/sarif-2.1.0.json");
  EXPECT_EQ(log["version"], "2.1.0");
  const json& driver = log["runs"][0]["tool"]["driver"];
  EXPECT_EQ(driver["name"], "kvcheck");
  EXPECT_EQ(driver["version"], "0.1.0");
  EXPECT_FALSE(driver.contains("informationUri"));
  const auto& registry = props::property_registry();
  ASSERT_EQ(driver["rules"].size(), 2 * registry.size());
  for (std::size_t i = 0; i < registry.size(); ++i) {
    const json& rule = driver["rules"][i];
    EXPECT_EQ(rule["id"], registry[i]->id());
    EXPECT_EQ(rule["shortDescription"]["text"], registry[i]->description());
    EXPECT_EQ(rule["defaultConfiguration"]["level"], "error");
    const json& latent = driver["rules"][registry.size() + i];
    EXPECT_EQ(latent["id"], "latent-" + registry[i]->id());
    EXPECT_EQ(latent["defaultConfiguration"]["level"], "warning");
  }
  EXPECT_EQ(log["runs"][0]["results"], json::array());
  EXPECT_EQ(log["runs"][0]["invocations"][0]["executionSuccessful"], true);
}

TEST(SarifWriter, LocatesResultsAtTheKvHeadsLine) {
  const json results = sarif_of(mixed_run())["runs"][0]["results"];
  ASSERT_EQ(results.size(), 9u);  // 5 + 2 failures, 2 latent findings
  const json& first = results[0];
  EXPECT_EQ(first["ruleId"], "shape-safety");
  EXPECT_EQ(first["ruleIndex"], 0);
  EXPECT_EQ(first["level"], "error");
  const json& where = first["locations"][0]["physicalLocation"];
  EXPECT_EQ(where["artifactLocation"]["uri"],
            "fixtures/configs/kvcheck/tiny-cache-sized-by-n_heads.yaml");
  EXPECT_EQ(where["artifactLocation"]["uriBaseId"], "SRCROOT");
  EXPECT_EQ(where["region"]["startLine"], 6);
  const std::string text = first["message"]["text"];
  EXPECT_NE(text.find("step: prefill"), std::string::npos) << text;
  EXPECT_NE(text.find("op: index_copy_"), std::string::npos) << text;
  EXPECT_NE(text.find("shapes: self [1, 1, 2, 4]; index [1]; source [1, 1, 1, 4]"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("for all configs: fails whenever group >= 2"), std::string::npos) << text;
  EXPECT_NE(text.find("replay: kvcheck replay --variant cache-sized-by-n_heads"), std::string::npos)
      << text;

  // The MHA config has no n_kv_heads key: its latent findings point at n_heads.
  const json& latent = results[results.size() - 1];
  EXPECT_EQ(latent["ruleId"], "latent-cache-footprint");
  EXPECT_EQ(latent["level"], "warning");
  EXPECT_EQ(latent["locations"][0]["physicalLocation"]["region"]["startLine"], 4);
}

TEST(SarifWriter, FingerprintsIgnoreSeedsSizesAndNumbers) {
  const check::CheckRun base = mixed_run();
  check::CheckRun other = mixed_run();
  other.params.seed = 99;
  for (check::ConfigResult& c : other.configs) {
    for (check::Verdict& v : c.verdicts) {
      v.seed = 99;
      if (v.search.counterexample) v.search.counterexample->config.head_dim = 3;
      if (v.search.failure && v.search.failure->diff) v.search.failure->diff->actual = 42;
    }
  }
  const json a = sarif_of(base)["runs"][0]["results"];
  const json b = sarif_of(other)["runs"][0]["results"];
  ASSERT_EQ(a.size(), b.size());
  std::set<std::string> distinct;
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_NE(a[i]["message"], b[i]["message"]);
    EXPECT_EQ(a[i]["partialFingerprints"], b[i]["partialFingerprints"]);
    distinct.insert(a[i]["partialFingerprints"]["kvcheck/v1"].get<std::string>());
  }
  EXPECT_EQ(distinct.size(), a.size()) << "two findings share a fingerprint";

  check::CheckRun moved = mixed_run();
  moved.configs[1].loaded.path = "elsewhere.yaml";
  EXPECT_NE(sarif_of(moved)["runs"][0]["results"][0]["partialFingerprints"],
            a[0]["partialFingerprints"]);
}

TEST(SarifWriter, InconsistentVerdictsAreToolNotifications) {
  check::CheckRun run = clean_run();
  check::Verdict& v = run.configs[0].verdicts[0];
  v.status = check::Status::kInconsistent;
  v.note = "proved for every configuration, yet the search failed";
  const json invocation = sarif_of(run)["runs"][0]["invocations"][0];
  EXPECT_EQ(invocation["executionSuccessful"], false);
  ASSERT_EQ(invocation["toolExecutionNotifications"].size(), 1u);
  EXPECT_EQ(invocation["toolExecutionNotifications"][0]["level"], "error");
}

TEST(SarifWriter, AbsoluteAndUnusualPathsAreUris) {
  check::CheckRun run = mixed_run();
  run.configs[1].loaded.path = "my models/a,b#1.yaml";
  run.configs[2].loaded.path = "/srv/configs/tiled.yaml";
  const json results = sarif_of(run)["runs"][0]["results"];
  const json& relative = results[0]["locations"][0]["physicalLocation"]["artifactLocation"];
  EXPECT_EQ(relative["uri"], "my%20models/a%2Cb%231.yaml");
  json absolute;
  for (const json& r : results) {
    if (r["properties"]["config"] == "llama-3-8b-tiled") {
      absolute = r["locations"][0]["physicalLocation"]["artifactLocation"];
    }
  }
  EXPECT_EQ(absolute["uri"], "file:///srv/configs/tiled.yaml");
  EXPECT_FALSE(absolute.contains("uriBaseId"));
}

}  // namespace
}  // namespace kvcheck::report::testing
