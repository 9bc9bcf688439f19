// GitHub Actions annotations: workflow commands on stdout that the runner turns into
// messages on the config file's line. Property values and messages are percent-encoded as
// the runner decodes them, so a multi-line finding stays one command.
#include "kvcheck/report/github_writer.hpp"

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/finding_text.hpp"
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {
namespace {

std::string annotation(const char* command, const check::ConfigResult& c, const std::string& title,
                       const std::string& message) {
  return std::string("::") + command + " file=" + workflow_property(c.loaded.path) +
         ",line=" + std::to_string(finding_line(c.loaded)) + ",title=" + workflow_property(title) +
         "::" + workflow_data(message) + "\n";
}

}  // namespace

std::string write_github(const check::CheckRun& run, const WriterContext&) {
  std::string out;
  for (const check::ConfigResult& c : run.configs) {
    for (const check::Verdict& v : c.verdicts) {
      if (is_failure(v)) {
        out += annotation("error", c, "kvcheck " + v.property, failure_message(c, v));
      }
    }
    for (const check::LatentFinding& f : c.latent) {
      out += annotation("warning", c, "kvcheck latent " + f.property,
                        latent_message(c, f, run.params.seed));
    }
  }
  return out;
}

}  // namespace kvcheck::report
