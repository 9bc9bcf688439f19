// The scan's JSON report (schema in docs/scan-report.md): findings, notes and, with
// --explain, every site's traced ops and the places the analysis gave up.
#include <nlohmann/json.hpp>

#include "kvcheck/report/escape.hpp"
#include "kvcheck/report/scan_report.hpp"

namespace kvcheck::report {
namespace {

using Json = nlohmann::ordered_json;

Json where(const scan::CodeLocation& at) {
  return Json{{"file", valid_utf8(at.file)}, {"line", at.at.line}, {"column", at.at.column}};
}

Json finding(const scan::Finding& f) {
  Json related = Json::array();
  for (const scan::RelatedLocation& r : f.related) {
    Json j = where(r.where);
    j["message"] = valid_utf8(r.what);
    related.push_back(j);
  }
  Json out{{"rule", f.rule}, {"location", where(f.where)}, {"op", valid_utf8(f.op)},
           {"code", valid_utf8(f.code)}, {"message", valid_utf8(f.message)}};
  Json operands = Json::array();
  for (const std::string& o : f.operands) operands.push_back(valid_utf8(o));
  out["operands"] = operands;
  out["condition"] = f.condition;
  out["smallest"] = f.smallest;
  out["memory_factor"] = f.memory_factor.empty() ? Json(nullptr) : Json(f.memory_factor);
  out["fix"] = f.fix;
  out["site"] = valid_utf8(f.site);
  out["related"] = related;
  out["replay"] = f.replay.empty() ? Json(nullptr) : Json(f.replay);
  return out;
}

Json site(const scan::SiteTrace& s) {
  Json ops = Json::array();
  for (const scan::TracedOp& op : s.ops) {
    Json j = where(op.where);
    j["op"] = valid_utf8(op.op);
    j["result"] = valid_utf8(op.result);
    j["code"] = valid_utf8(op.code);
    ops.push_back(j);
  }
  Json gave_up = Json::array();
  for (const scan::GaveUp& g : s.gave_up) {
    Json j = where(g.where);
    j["reason"] = valid_utf8(g.reason);
    gave_up.push_back(j);
  }
  return Json{{"name", valid_utf8(s.name)}, {"location", where(s.where)}, {"mode", s.mode},
              {"attention", s.attention},
              {"implementation", s.choices.implementation().empty() ? Json(nullptr) : Json(s.choices.implementation())},
              {"ops", ops}, {"gave_up", gave_up}};
}

}  // namespace

std::string write_scan_json(const scan::ScanResult& r, const WriterContext& ctx, const Style&,
                            bool with_explain) {
  Json files = Json::array();
  for (const std::string& f : r.files) files.push_back(valid_utf8(f));
  Json notes = Json::array();
  for (const scan::SourceNote& n : r.notes) {
    notes.push_back(Json{{"file", valid_utf8(n.path)}, {"line", n.line}, {"column", n.column},
                         {"message", valid_utf8(n.message)}});
  }
  Json findings = Json::array();
  for (const scan::Finding& f : r.findings) findings.push_back(finding(f));
  Json out{{"schema_version", kScanSchemaVersion},
           {"tool", Json{{"name", "kvcheck"}, {"version", ctx.tool_version}}},
           {"command_line", ctx.command_line.empty() ? Json(nullptr) : Json(valid_utf8(ctx.command_line))},
           {"exit_code", scan_exit_code(r)},
           {"files", files},
           {"notes", notes},
           {"findings", findings}};
  // The traced sites are large: listed with --explain, an empty list otherwise.
  Json sites = Json::array();
  if (with_explain) {
    for (const scan::SiteTrace& s : r.sites) sites.push_back(site(s));
  }
  out["sites"] = sites;
  return out.dump(2) + "\n";
}

}  // namespace kvcheck::report
