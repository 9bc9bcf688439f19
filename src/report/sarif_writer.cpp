// SARIF 2.1.0 (OASIS): the run's findings as results of rules, so code-scanning services
// show them at the config file's line and track each one across runs by its fingerprint.
#include "kvcheck/report/sarif_writer.hpp"

#include <nlohmann/json.hpp>

#include "kvcheck/props/property.hpp"
#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/finding_text.hpp"
#include "kvcheck/report/fingerprint.hpp"
#include "kvcheck/report/run_tally.hpp"

namespace kvcheck::report {
namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kFingerprintKey = "kvcheck/v1";
constexpr const char* kFailureHelp =
    "Each result names the smallest configuration found (shrunk by RapidCheck), the step and "
    "op that broke with its operand shapes or the numeric difference, the condition under "
    "which it fails for every configuration, and one `kvcheck replay` command that reproduces "
    "it. See docs/report-formats.md.";
constexpr const char* kLatentHelp =
    "The config passes, but only because of its head counts: each result names the condition "
    "under which the same code fails, the smallest such configuration and the `kvcheck "
    "replay` command that shows it failing. See docs/report-formats.md.";

Json text(const std::string& s) {
  return Json{{"text", s}};
}

/// "shape-safety" -> "ShapeSafety": SARIF wants a rule name distinct from its id.
std::string pascal_case(const std::string& id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    if (c == '-' || c == '_') {
      upper = true;
    } else {
      out += upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c;
      upper = false;
    }
  }
  return out;
}

std::string latent_rule_id(const std::string& property) {
  return "latent-" + property;
}

Json rule(const props::Property& p, bool latent) {
  const std::string id = latent ? latent_rule_id(p.id()) : p.id();
  const std::string short_text =
      latent ? "Latent failure of " + p.id() + ": the code breaks it for other head counts."
             : p.description();
  const std::string full_text =
      latent ? p.description() +
                   " This config's head counts hide the failure: the "
                   "implementation breaks the property for the configurations "
                   "the result's condition names."
             : p.description() + " A result means this config breaks it.";
  return Json{
      {"id", id},
      {"name", pascal_case(id)},
      {"shortDescription", text(short_text)},
      {"fullDescription", text(full_text)},
      {"help", text(latent ? kLatentHelp : kFailureHelp)},
      {"defaultConfiguration", Json{{"level", latent ? "warning" : "error"}}},
      {"properties", Json{{"tags", Json::array({"kvcheck", latent ? "latent" : "correctness"})}}}};
}

/// Rules in a fixed order (every property, then every latent property) so that ruleIndex
/// and the rules array do not depend on what this run found.
Json rules() {
  Json out = Json::array();
  for (bool latent : {false, true}) {
    for (const props::Property* p : props::property_registry()) out.push_back(rule(*p, latent));
  }
  return out;
}

int rule_index(const std::string& property, bool latent) {
  const auto& registry = props::property_registry();
  for (std::size_t i = 0; i < registry.size(); ++i) {
    if (registry[i]->id() == property) {
      return static_cast<int>(i + (latent ? registry.size() : 0));
    }
  }
  return -1;
}

Json location(const io::LoadedConfig& loaded) {
  Json artifact{{"uri", uri_reference(loaded.path)}};
  // Relative paths are relative to where kvcheck ran; absolute ones carry their own root.
  if (loaded.path.empty() || loaded.path.front() != '/') artifact["uriBaseId"] = "SRCROOT";
  return Json{{"physicalLocation", Json{{"artifactLocation", std::move(artifact)},
                                        {"region", Json{{"startLine", finding_line(loaded)}}}}}};
}

/// What identifies a failure across runs: the op and its line of code, never the shrunk
/// sizes, the seed or the numbers, which may change while the bug stays the same.
std::string failure_locus(const check::Verdict& v) {
  if (v.search.failure && v.search.failure->op_failure) {
    const interp::OpFailure& f = *v.search.failure->op_failure;
    return f.error.op + " " + f.op.pseudo;
  }
  return "";
}

Json result(const std::string& rule_id, int index, const char* level, const std::string& message,
            const check::ConfigResult& c, const std::string& locus) {
  Json out{{"ruleId", rule_id}};
  if (index >= 0) out["ruleIndex"] = index;
  out["level"] = level;
  out["message"] = text(message);
  out["locations"] = Json::array({location(c.loaded)});
  out["partialFingerprints"] =
      Json{{kFingerprintKey, fingerprint({rule_id, c.loaded.path, c.variant, locus})}};
  out["properties"] = Json{{"config", c.loaded.config.name}, {"variant", c.variant}};
  return out;
}

void add_results(const check::ConfigResult& c, std::uint64_t seed, Json& results,
                 Json& notifications) {
  for (const check::Verdict& v : c.verdicts) {
    if (v.status == check::Status::kRefuted) {
      results.push_back(result(v.property, rule_index(v.property, false), "error",
                               failure_message(c, v), c, failure_locus(v)));
    } else if (v.status == check::Status::kInconsistent) {
      // kvcheck contradicting itself is about the tool, not the analysed code.
      notifications.push_back(Json{{"level", "error"}, {"message", text(failure_message(c, v))}});
    } else if (v.status == check::Status::kUnknown && !v.note.empty()) {
      // A property that could not be checked is no result about the code, but the run did
      // not do what it was asked: a warning the CI log shows.
      notifications.push_back(Json{{"level", "warning"},
                                   {"message", text(c.loaded.path + ": " + v.property + ": " + v.note)}});
    }
  }
  for (const check::LatentFinding& f : c.latent) {
    const std::string message = latent_message(c, f, seed);
    const std::string id = latent_rule_id(f.property);
    results.push_back(result(id, rule_index(f.property, true), "warning", message, c, f.condition));
  }
}

}  // namespace

std::string write_sarif(const check::CheckRun& run, const WriterContext& ctx) {
  Json results = Json::array();
  Json notifications = Json::array();
  for (const check::ConfigResult& c : run.configs) {
    add_results(c, run.params.seed, results, notifications);
  }
  // Only kvcheck contradicting itself makes the run unsuccessful; skipped files are notes.
  const bool successful = notifications.empty();
  for (const check::SkippedFile& f : run.skipped) {
    notifications.push_back(Json{{"level", "note"}, {"message", text("skipped: " + f.message)}});
  }
  Json invocation{{"executionSuccessful", successful}};
  if (!ctx.command_line.empty()) invocation["commandLine"] = ctx.command_line;
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = std::move(notifications);

  const Json driver{{"name", "kvcheck"},
                    {"version", ctx.tool_version},
                    {"semanticVersion", ctx.tool_version},
                    {"rules", rules()}};
  const Json sarif_run{
      {"tool", Json{{"driver", driver}}},
      {"invocations", Json::array({std::move(invocation)})},
      {"originalUriBaseIds",
       Json{{"SRCROOT", Json{{"description", text("The directory kvcheck ran in; config paths are "
                                                  "relative to it.")}}}}},
      {"results", std::move(results)},
      {"properties", Json{{"seed", run.params.seed}, {"cases", run.params.max_success}}}};
  const Json log{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
                 {"version", "2.1.0"},
                 {"runs", Json::array({sarif_run})}};
  return log.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
}

}  // namespace kvcheck::report
