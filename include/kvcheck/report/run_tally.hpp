// RunTally: how many verdicts of each status a `kvcheck check` run has, for the summary
// lines and counts every format prints.
#pragma once

#include "kvcheck/check/config_check.hpp"

namespace kvcheck::report {

/// Counts over every config of a run.
struct RunTally {
  int configs = 0;
  int failing_configs = 0;  ///< configs with a REFUTED or INCONSISTENT verdict
  int verdicts = 0;
  int proved = 0;
  int checked = 0;
  int refuted = 0;
  int unknown = 0;
  int inconsistent = 0;
  int latent = 0;
};

RunTally tally(const check::CheckRun& run);

/// True when the verdict is one a CI job should fail on: REFUTED (the code is wrong) or
/// INCONSISTENT (kvcheck contradicts itself and cannot be trusted on this config).
bool is_failure(const check::Verdict& v);

}  // namespace kvcheck::report
