// What findings say: the fields of each kind of counterexample, headlines, and the line a
// finding points at.
#include "kvcheck/report/finding_text.hpp"

#include <gtest/gtest.h>

#include "sample_runs.hpp"

namespace kvcheck::report::testing {
namespace {

std::string labels(const std::vector<FindingField>& fields) {
  std::string out;
  for (const FindingField& f : fields) out += (out.empty() ? "" : ", ") + f.label;
  return out;
}

TEST(FindingText, ShapeErrorFieldsInReadingOrder) {
  const check::CheckRun run = mixed_run();
  const std::vector<FindingField> fields = counterexample_fields(run.configs[1].verdicts[0]);
  EXPECT_EQ(labels(fields),
            "smallest config, step, op, code, shapes, error, for all configs, seed, replay");
  EXPECT_EQ(fields[6].value,
            "fails whenever group >= 2; smallest: n_kv_heads=1, group=2 (n_heads=2) (first in "
            "prefill)");
  EXPECT_TRUE(fields.back().code);
}

TEST(FindingText, FootprintKeepsItsOwnFindingBesideTheOp) {
  const check::CheckRun run = mixed_run();
  const std::vector<FindingField> fields = counterexample_fields(run.configs[1].verdicts[2]);
  EXPECT_EQ(labels(fields),
            "smallest config, step, op, code, error, finding, for all configs, seed, replay");
  EXPECT_EQ(fields[5].value.rfind("setup: the cache holds 16 elements per layer", 0), 0u);
  EXPECT_EQ(fields[6].value,
            "fails whenever group >= 2; smallest: n_kv_heads=1, group=2 (n_heads=2) (first in "
            "setup)");
}

TEST(FindingText, NumericDiffFields) {
  const check::CheckRun run = mixed_run();
  const std::vector<FindingField> fields = counterexample_fields(run.configs[2].verdicts[3]);
  EXPECT_EQ(labels(fields), "smallest config, step, finding, difference, seed, replay");
  EXPECT_EQ(fields[3].value,
            "max abs error 1 (tolerance 1e-09) at batch 0, position 0, head 1, feature 0: "
            "expected 1, got 2");
  EXPECT_EQ(fields.back().value.rfind("kvcheck replay --impl \"cache=n_kv_heads", 0), 0u);
}

TEST(FindingText, InconsistentVerdictLeadsWithItsNote) {
  check::Verdict v;
  v.property = "shape-safety";
  v.status = check::Status::kInconsistent;
  v.note = "proved, yet the search failed";
  const auto fields = counterexample_fields(v);
  ASSERT_EQ(fields.size(), 1u);
  EXPECT_EQ(fields[0].label, "inconsistent");
  check::ConfigResult c;
  c.loaded.config.name = "m";
  c.variant = "fixed";
  EXPECT_EQ(failure_headline(c, v),
            "shape-safety is INCONSISTENT for m (variant fixed): proved, yet the search failed");
}

TEST(FindingText, LatentFieldsReplayOnlyAValidSpec) {
  const check::CheckRun run = mixed_run();
  const check::ConfigResult& c = run.configs[3];
  // The sample's message names the condition and the smallest config: only the command is new.
  EXPECT_EQ(labels(latent_fields(c, c.latent[0], 7)), "replay");
  check::LatentFinding odd = c.latent[0];
  odd.message = "latent";
  odd.smallest = "n_heads=3 n_kv_heads=2";  // not a valid config: no command to offer
  EXPECT_EQ(labels(latent_fields(c, odd, 7)), "condition, smallest config");
}

TEST(FindingText, MessageIsHeadlineThenFieldsWithoutTrailingNewline) {
  const check::CheckRun run = mixed_run();
  const std::string message = failure_message(run.configs[2], run.configs[2].verdicts[1]);
  EXPECT_EQ(message.rfind("output-equivalence fails for llama-3-8b-tiled (variant custom): "
                          "prefill: output differs",
                          0),
            0u)
      << message;
  EXPECT_NE(message.back(), '\n');
}

TEST(FindingText, FindingLinePrefersKvHeadsThenHeadsThenOne) {
  io::LoadedConfig loaded;
  EXPECT_EQ(finding_line(loaded), 1);
  loaded.key_lines["n_heads"] = 11;
  EXPECT_EQ(finding_line(loaded), 11);
  loaded.key_lines["n_kv_heads"] = 13;
  EXPECT_EQ(finding_line(loaded), 13);
}

}  // namespace
}  // namespace kvcheck::report::testing
