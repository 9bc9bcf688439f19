// JUnit XML: the de-facto schema CI dashboards read (Jenkins, GitLab, Azure, GitHub test
// reporters): <testsuites>/<testsuite>/<testcase> with <failure> and <error> children.
#include "kvcheck/report/junit_writer.hpp"

#include <fmt/format.h>

#include "kvcheck/check/replay.hpp"
#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/finding_text.hpp"
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {
namespace {

std::string attr(const std::string& name, const std::string& value) {
  return " " + name + "=\"" + xml_escape(value, true) + "\"";
}

std::string counts(int tests, int failures, int errors, int skipped = 0) {
  return attr("tests", std::to_string(tests)) + attr("failures", std::to_string(failures)) +
         attr("errors", std::to_string(errors)) + attr("skipped", std::to_string(skipped));
}

/// Files met in folders with nothing to check: skipped test cases, so a CI dashboard shows
/// them without counting them as passes.
std::string skipped_suite(const check::CheckRun& run) {
  if (run.skipped.empty()) return "";
  const int n = static_cast<int>(run.skipped.size());
  std::string out = "  <testsuite" + attr("name", "skipped files") + counts(n, 0, 0, n) + ">\n";
  for (const check::SkippedFile& f : run.skipped) {
    out += "    <testcase" + attr("name", f.path) + attr("classname", "kvcheck.skipped") +
           ">\n      <skipped" + attr("message", f.message) + "/>\n    </testcase>\n";
  }
  return out + "  </testsuite>\n";
}

/// What a passing verdict established, for the test case's output.
std::string status_sentence(const check::Verdict& v) {
  switch (v.status) {
    case check::Status::kProved:
      return fmt::format(
          "PROVED for every configuration by proof; the search agrees "
          "({} cases).",
          v.search.cases);
    case check::Status::kChecked:
      return fmt::format("CHECKED: no counterexample in {} generated cases.", v.search.cases);
    case check::Status::kUnknown:
      if (!v.note.empty()) return v.note + ".";
      return fmt::format(
          "UNKNOWN: the prover could not decide and the search found no "
          "counterexample in {} cases.",
          v.search.cases);
    case check::Status::kRefuted:
    case check::Status::kInconsistent:
      break;
  }
  return check::to_string(v.status) + ".";
}

std::string properties(const check::ConfigResult& c, std::uint64_t seed) {
  const auto property = [](const std::string& name, const std::string& value) {
    return "      <property" + attr("name", name) + attr("value", value) + "/>\n";
  };
  return "    <properties>\n" + property("seed", std::to_string(seed)) +
         property("variant", c.variant) + property("config", check::config_spec(c.loaded.config)) +
         property("implementation", c.impl.describe()) + property("format", c.loaded.format) +
         "    </properties>\n";
}

std::string testcase(const check::ConfigResult& c, const check::Verdict& v, std::uint64_t seed) {
  std::string out = "    <testcase" + attr("classname", c.loaded.config.name) +
                    attr("name", v.property) + attr("file", c.loaded.path) + ">\n";
  if (is_failure(v)) {
    const char* tag = v.status == check::Status::kRefuted ? "failure" : "error";
    out += fmt::format("      <{}{}{}>{}</{}>\n", tag, attr("message", failure_headline(c, v)),
                       attr("type", check::to_string(v.status)),
                       xml_escape(failure_message(c, v), false), tag);
  } else {
    std::string output = status_sentence(v);
    for (const check::LatentFinding& f : c.latent) {
      if (f.property == v.property) output += "\nlatent: " + latent_message(c, f, seed);
    }
    out += "      <system-out>" + xml_escape(output, false) + "</system-out>\n";
  }
  return out + "    </testcase>\n";
}

std::string testsuite(const check::ConfigResult& c, std::uint64_t seed) {
  int failures = 0;
  int errors = 0;
  std::string cases;
  for (const check::Verdict& v : c.verdicts) {
    failures += v.status == check::Status::kRefuted ? 1 : 0;
    errors += v.status == check::Status::kInconsistent ? 1 : 0;
    cases += testcase(c, v, seed);
  }
  return "  <testsuite" + attr("name", c.loaded.path) +
         counts(static_cast<int>(c.verdicts.size()), failures, errors) + ">\n" +
         properties(c, seed) + cases + "  </testsuite>\n";
}

}  // namespace

std::string write_junit(const check::CheckRun& run, const WriterContext&) {
  const RunTally t = tally(run);
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites" +
                    attr("name", "kvcheck") +
                    counts(t.verdicts + static_cast<int>(run.skipped.size()), t.refuted,
                           t.inconsistent, static_cast<int>(run.skipped.size())) +
                    ">\n";
  for (const check::ConfigResult& c : run.configs) out += testsuite(c, run.params.seed);
  return out + skipped_suite(run) + "</testsuites>\n";
}

}  // namespace kvcheck::report
