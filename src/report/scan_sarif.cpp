// The scan in SARIF 2.1.0: results at the Python file's region, with relatedLocations for
// the allocation and the repeat, one rule per scan rule id.
#include <nlohmann/json.hpp>

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/fingerprint.hpp"
#include "kvcheck/report/scan_report.hpp"
#include "kvcheck/scan/attention_rules.hpp"

namespace kvcheck::report {
namespace {

using Json = nlohmann::ordered_json;

struct RuleText {
  const char* id;
  const char* name;
  const char* text;
};

constexpr RuleText kRules[] = {
    {"shape-safety", "ShapeSafety",
     "A write into a KV cache (or an attention op) fails its PyTorch shape rule for some head "
     "configurations: typically a cache allocated with n_heads written with n_kv_heads keys."},
    {"cache-footprint", "CacheFootprint",
     "The cache stores repeated kv heads: keys were repeated before the cache write, so it "
     "holds group times the memory it needs."},
    {"head-mapping", "HeadMapping",
     "Query head h does not read kv head h / group: kv heads are tiled instead of interleaved, "
     "so outputs are silently wrong."},
    {"missing-repeat", "MissingRepeat",
     "Attention meets n_heads queries with n_kv_heads keys or values that were never repeated "
     "on this path (and the kernel does not take fewer kv heads)."},
    {"causal-mask-alignment", "CausalMaskAlignment",
     "The causal mask ignores the cached prefix: is_causal=True with fewer queries than keys "
     "(aligned top-left in PyTorch), or a mask built for the new tokens only."},
    {"rope-position", "RopePosition",
     "Keys are rotated for positions other than the cache slots they are written to: the "
     "rotary table is not sliced at the step's offset."},
};

int rule_index(const std::string& id) {
  for (std::size_t k = 0; k < std::size(kRules); ++k) {
    if (id == kRules[k].id) return static_cast<int>(k);
  }
  return -1;
}

Json text(const std::string& s) { return Json{{"text", valid_utf8(s)}}; }

Json physical(const scan::CodeLocation& at) {
  Json artifact{{"uri", uri_reference(at.file)}};
  if (at.file.empty() || at.file.front() != '/') artifact["uriBaseId"] = "SRCROOT";
  Json region{{"startLine", std::max(1, at.at.line)}};
  if (at.at.column > 0) region["startColumn"] = at.at.column;
  return Json{{"physicalLocation", Json{{"artifactLocation", artifact}, {"region", region}}}};
}

}  // namespace

std::string write_scan_sarif(const scan::ScanResult& r, const WriterContext& ctx, const Style&,
                             bool) {
  Json rules = Json::array();
  for (const RuleText& rule : kRules) {
    rules.push_back(Json{{"id", rule.id},
                         {"name", rule.name},
                         {"shortDescription", text(rule.text)},
                         {"help", text(std::string(rule.text) +
                                       " Each result names the condition for every "
                                       "configuration, the smallest one, related places and a "
                                       "fix. See docs/scan-report.md.")},
                         {"defaultConfiguration", Json{{"level", "error"}}},
                         {"properties", Json{{"tags", Json::array({"kvcheck", "scan"})}}}});
  }
  Json results = Json::array();
  for (const scan::Finding& f : r.findings) {
    Json related = Json::array();
    int id = 0;
    for (const scan::RelatedLocation& rel : f.related) {
      Json loc = physical(rel.where);
      loc["id"] = id++;
      loc["message"] = text(rel.what);
      related.push_back(loc);
    }
    Json result{{"ruleId", f.rule}};
    if (const int k = rule_index(f.rule); k >= 0) result["ruleIndex"] = k;
    result["level"] = "error";
    result["message"] = text(scan_message(f));
    result["locations"] = Json::array({physical(f.where)});
    if (!related.empty()) result["relatedLocations"] = related;
    // The rule, the file and the line of code identify a finding across runs, not its line
    // number (code moves) nor its sizes.
    result["partialFingerprints"] = Json{{"kvcheck/v1", fingerprint({f.rule, f.where.file, f.code, f.op})}};
    result["properties"] = Json{{"condition", f.condition}, {"smallest", f.smallest}, {"site", valid_utf8(f.site)}};
    results.push_back(result);
  }
  Json notifications = Json::array();
  for (const scan::SourceNote& n : r.notes) {
    Json loc = physical(scan::CodeLocation{n.path, {n.line, n.column}});
    notifications.push_back(Json{{"level", "warning"}, {"message", text(n.to_string())}, {"locations", Json::array({loc})}});
  }
  Json invocation{{"executionSuccessful", true}, {"commandLine", valid_utf8(ctx.command_line)}};
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;
  Json run{{"tool", Json{{"driver", Json{{"name", "kvcheck"},
                                         {"version", ctx.tool_version},
                                         {"rules", rules}}}}},
           {"invocations", Json::array({invocation})},
           {"originalUriBaseIds", Json{{"SRCROOT", Json{{"description", text("The folder kvcheck scan ran in.")}}}}},
           {"results", results}};
  Json out{{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"},
           {"runs", Json::array({run})}};
  return out.dump(2) + "\n";
}

}  // namespace kvcheck::report
