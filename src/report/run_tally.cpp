// RunTally: one pass over the verdicts, so every format's summary counts the same way.
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {

bool is_failure(const check::Verdict& v) {
  return v.status == check::Status::kRefuted || v.status == check::Status::kInconsistent;
}

RunTally tally(const check::CheckRun& run) {
  RunTally t;
  for (const check::ConfigResult& c : run.configs) {
    ++t.configs;
    bool failing = false;
    for (const check::Verdict& v : c.verdicts) {
      ++t.verdicts;
      failing = failing || is_failure(v);
      switch (v.status) {
        case check::Status::kProved:
          ++t.proved;
          break;
        case check::Status::kChecked:
          ++t.checked;
          break;
        case check::Status::kRefuted:
          ++t.refuted;
          break;
        case check::Status::kUnknown:
          ++t.unknown;
          break;
        case check::Status::kInconsistent:
          ++t.inconsistent;
          break;
      }
    }
    if (failing) ++t.failing_configs;
    t.latent += static_cast<int>(c.latent.size());
  }
  return t;
}

}  // namespace kvcheck::report
