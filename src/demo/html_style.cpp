// The demo page's stylesheet: system fonts only, one colour per kv group, and red or amber
// kept for what breaks, so colour always means the same thing on the page.
#include <fmt/format.h>

#include <array>

#include "html_parts.hpp"
#include "kvcheck/report/escape.hpp"

namespace kvcheck::demo::html {
namespace {

/// Eight distinguishable group colours (none of them the red that marks failures).
constexpr std::array<const char*, 8> kGroupColours{"#3b6fb6", "#e08a1e", "#2a9d8f", "#8e5cb5",
                                                   "#c9a227", "#5b8c3a", "#c2577a", "#7a6a58"};

constexpr const char* kBase = R"css(
:root { --ink:#1f2933; --muted:#5f6b7a; --line:#d9dee5; --page:#f3f5f8; --card:#fff;
  --bad:#c62828; --bad-soft:#fdecea; --warn:#9a5b00; --warn-soft:#fff4df; --good:#2e7d32;
  --good-soft:#e7f4e8; --accent:#334e68; }
* { box-sizing:border-box; }
body { margin:0; background:var(--page); color:var(--ink);
  font:15px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif; }
main { max-width:1180px; margin:0 auto; padding:28px 24px 40px; }
code, .mono { font-family:ui-monospace,"SFMono-Regular","DejaVu Sans Mono",Menlo,Consolas,monospace;
  font-size:13px; }
h1 { font-size:30px; line-height:1.2; margin:2px 0 10px; letter-spacing:-0.01em; }
h2 { font-size:20px; margin:0 0 4px; }
h3 { font-size:16px; margin:18px 0 8px; }
.eyebrow { text-transform:uppercase; letter-spacing:.12em; font-size:12px; color:var(--muted);
  font-weight:600; }
.lead { font-size:16px; max-width:88ch; margin:0 0 14px; }
.caption { color:var(--muted); margin:0 0 14px; max-width:92ch; }
section, header.hero { background:var(--card); border:1px solid var(--line); border-radius:12px;
  padding:20px 24px; margin:16px 0; box-shadow:0 1px 2px rgba(15,23,42,.05); }
nav { font-size:13px; color:var(--muted); margin:4px 0 0; }
nav a { color:var(--accent); margin-right:14px; text-decoration:none; }
.chips { display:flex; flex-wrap:wrap; gap:8px; margin:0 0 14px; }
.chip { background:#eef2f7; border:1px solid var(--line); border-radius:999px; padding:2px 11px;
  font-size:13px; }
.legend { display:flex; flex-wrap:wrap; align-items:center; gap:8px 18px; font-size:13px;
  color:var(--muted); border-top:1px solid var(--line); padding-top:12px; }
.legend b { color:var(--ink); font-weight:600; }
.swatch { display:inline-block; width:13px; height:13px; border-radius:3px; vertical-align:-2px;
  margin-right:5px; background:var(--c); }
.swatch.old { opacity:.5; }
.swatch.empty { background:#eef1f5; border:1px solid #cfd6df; }
.swatch.new { border:1.5px solid #1f2933; }
.mark { display:inline-block; width:1.3em; font-weight:700; text-align:center; }
.mark.differs { color:var(--warn); } .mark.fails { color:var(--bad); }
.tag { display:inline-block; font-size:12px; font-weight:600; border-radius:999px;
  padding:1px 9px; margin-left:8px; vertical-align:1px; }
.tag.good { background:var(--good-soft); color:var(--good); }
.tag.bad { background:var(--bad-soft); color:var(--bad); }
.tag.warn { background:var(--warn-soft); color:var(--warn); }
.pair { display:grid; grid-template-columns:1fr 1fr; gap:28px; }
figure { margin:0; }
figcaption { font-size:13px; color:var(--muted); margin-top:4px; }
.panel-title { font-weight:600; margin-bottom:2px; }
svg text { font-family:inherit; }
svg.heads { width:100%; max-width:560px; height:auto; display:block; }
.heads .row-label { font-size:12px; fill:var(--muted); }
.q-head rect, .kv-head rect { fill:var(--c); }
.kv-head rect { stroke:#1f2933; stroke-width:1.5; }
.q-head text, .kv-head text { fill:#fff; font-size:12px; font-weight:600; text-anchor:middle; }
.arrow line { stroke:var(--c); stroke-width:2; }
.arrow polygon { fill:var(--c); }
.q-head.moved rect { stroke:var(--bad); stroke-width:3; stroke-dasharray:5 2; }
.film { display:grid; gap:10px 14px; align-items:start; overflow-x:auto; }
.film .step-head { font-size:12px; font-weight:600; color:var(--muted); }
.film .lane-head { font-weight:600; font-size:14px; padding-top:14px; }
.film .lane-head small { display:block; font-weight:400; color:var(--muted); font-size:12px; }
.film figcaption { max-width:200px; }
svg.cache { display:block; }
svg.cache .pos { font-size:10px; fill:var(--muted); text-anchor:middle; }
svg.cache .row { font-size:10px; fill:var(--muted); text-anchor:end; }
svg.cache .cell { fill:var(--c); }
svg.cache .cell.empty { fill:#eef1f5; stroke:#cfd6df; stroke-width:1; }
svg.cache .cell.old { opacity:.5; }
svg.cache .cell.new { stroke:#1f2933; stroke-width:1.3; }
svg.cache.failed { outline:2.5px solid var(--bad); outline-offset:3px; border-radius:3px; }
svg.cache.unreached { opacity:.3; }
.film .failed-note { color:var(--bad); font-weight:600; }
table.ops { width:100%; border-collapse:separate; border-spacing:0; table-layout:fixed; }
table.ops th { text-align:left; font-size:13px; padding:6px 10px;
  border-bottom:2px solid var(--line); }
table.ops td { vertical-align:top; padding:5px 10px 5px 28px; border-bottom:1px solid #edf0f3;
  position:relative; }
table.ops td .mark { position:absolute; left:8px; top:5px; }
table.ops .line { display:block; white-space:pre-wrap; word-break:break-word; color:#0f172a; }
table.ops .shapes { font-size:12.5px; margin:1px 0 0 1.3em; color:var(--muted); }
table.ops th { padding-left:28px; }
.shapes .sym { color:var(--accent); }
.shapes .num { color:#0b7285; font-weight:600; }
tr.differs td { background:var(--warn-soft); }
table.ops td.fails { background:var(--bad-soft); box-shadow:inset 4px 0 0 var(--bad); }
table.ops td.latent { box-shadow:inset 4px 0 0 var(--warn); }
td .error { color:var(--bad); font-weight:600; font-size:13px; margin:3px 0 0 1.3em; }
td.op:not(.ran) .line { color:#9aa5b1; }
td .latent-note { color:var(--warn); font-size:13px; margin:3px 0 0 1.3em; }
td.unreached { color:var(--muted); font-style:italic; text-align:center; vertical-align:middle;
  background:repeating-linear-gradient(45deg,#f7f8fa,#f7f8fa 8px,#eef0f3 8px,#eef0f3 16px); }
details { border-top:1px solid var(--line); }
details > summary { cursor:pointer; font-weight:600; padding:10px 0; }
.callout { border-radius:10px; padding:14px 18px; border:1px solid; }
.callout.bad { background:var(--bad-soft); border-color:#f1b8b3; }
.callout.good { background:var(--good-soft); border-color:#b9dfbb; }
.callout h3 { margin:0 0 10px; }
.callout dl { display:grid; grid-template-columns:130px 1fr; gap:6px 16px; margin:0; }
.callout dt { font-weight:600; color:var(--muted); }
.callout dd { margin:0; }
.callout .bad { color:var(--bad); font-weight:600; }
.callout .warn { color:var(--warn); font-weight:600; }
.callout .strong { font-weight:700; }
.memory-model { margin:8px 0 18px; }
.memory-model .about { color:var(--muted); font-size:13px; }
.bar-row { display:grid; grid-template-columns:150px 1fr 90px; align-items:center; gap:12px;
  margin:5px 0; font-size:14px; }
.bar { height:18px; border-radius:4px; }
.bar.cached { background:var(--good); }
.bar.repeated { background:var(--bad); }
.bar-row .bytes { font-weight:600; text-align:right; font-variant-numeric:tabular-nums; }
table.verdicts { border-collapse:collapse; font-size:14px; margin:6px 0 10px; }
table.verdicts th, table.verdicts td { border:1px solid var(--line); padding:6px 12px;
  text-align:left; }
table.verdicts th { background:#f6f8fa; font-size:13px; }
table.verdicts td.proved, table.verdicts td.holds { background:var(--good-soft);
  color:var(--good); }
table.verdicts td.fails { background:var(--bad-soft); color:var(--bad); font-weight:700; }
table.verdicts td.unknown { background:var(--warn-soft); color:var(--warn); }
footer { color:var(--muted); font-size:13px; text-align:center; margin-top:20px; }
@media (max-width:860px) { .pair { grid-template-columns:1fr; } }
)css";

std::string build() {
  std::string css = kBase;
  for (std::size_t i = 0; i < kGroupColours.size(); ++i) {
    css += fmt::format(".c{} {{ --c:{}; }}\n", i, kGroupColours[i]);
  }
  return css;
}

}  // namespace

std::string colour_class(std::int64_t kv) {
  const auto n = static_cast<std::int64_t>(kGroupColours.size());
  return "c" + std::to_string(((kv % n) + n) % n);
}

const std::string& stylesheet() {
  static const std::string css = build();
  return css;
}

std::string esc(std::string_view s) {
  return report::xml_escape(s, true);
}

}  // namespace kvcheck::demo::html
