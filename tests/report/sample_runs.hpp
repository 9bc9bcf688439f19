// Hand-built `kvcheck check` results for the report tests: every kind of finding a writer
// must render, without running a search.
#pragma once

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/report/writer_context.hpp"

namespace kvcheck::report::testing {

/// Four configs: one where every property holds (GQA, the fixed order); one whose cache is
/// sized by n_heads (shape-error counterexamples and a refuting proof); one that tiles
/// repeat_kv (numeric-difference counterexamples, a custom implementation); and an MHA
/// config that passes only because of its head counts (latent findings, no n_kv_heads key).
check::CheckRun mixed_run();

/// One config where every property holds: nothing to report but the verdicts.
check::CheckRun clean_run();

/// The context the goldens are written with: a fixed version, so they change only when a
/// writer does.
WriterContext sample_context();

/// The runs the golden files are made from, by name: "mixed" and "clean".
struct NamedRun {
  const char* name;
  check::CheckRun (*make)();
};
inline constexpr NamedRun kSampleRuns[] = {{"mixed", &mixed_run}, {"clean", &clean_run}};

}  // namespace kvcheck::report::testing
