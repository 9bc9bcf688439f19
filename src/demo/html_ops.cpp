// ops_table and breakdown_box: the two orderings op by op, with the breaking op in red,
// and the call-out that says where and when the wrong one breaks.
#include <fmt/format.h>

#include "html_parts.hpp"
#include "kvcheck/demo/lesson.hpp"

namespace kvcheck::demo::html {
namespace {

std::string op_cell(const OpRow& row, bool differs) {
  const bool fails = !row.concrete_failure.empty();
  const bool latent = !fails && !row.symbolic_failure.empty();
  std::string mark = fails     ? "<span class=\"mark fails\">&#x2717;</span>"
                     : differs ? "<span class=\"mark differs\">&#x2260;</span>"
                               : "<span class=\"mark\"></span>";
  // Ops after the one that raised never ran; their code is greyed out.
  const bool ran = fails || !row.symbolic.empty() || !row.concrete.empty();
  std::string out =
      fmt::format("<td class=\"op{}{}\">{}<code class=\"line\">{}</code>", ran ? " ran" : "",
                  fails    ? " fails"
                  : latent ? " latent"
                           : "",
                  mark, esc(row.pseudo));
  if (!row.symbolic.empty() || !row.concrete.empty()) {
    out += "<div class=\"shapes\">";
    if (!row.symbolic.empty()) out += "<code class=\"sym\">" + esc(row.symbolic) + "</code>";
    if (!row.symbolic.empty() && !row.concrete.empty()) out += " &#x2192; ";
    if (!row.concrete.empty()) out += "<code class=\"num\">" + esc(row.concrete) + "</code>";
    out += "</div>";
  }
  if (fails) out += "<div class=\"error\">&#x2717; " + esc(row.concrete_failure) + "</div>";
  if (!row.symbolic_failure.empty()) {
    out += fmt::format("<div class=\"{}\">in symbols: fails whenever {}</div>",
                       fails ? "error" : "latent-note", esc(row.symbolic_failure));
  }
  return out + "</td>";
}

std::string fact_class(Emphasis e) {
  switch (e) {
    case Emphasis::kBad:
      return "bad";
    case Emphasis::kWarn:
      return "warn";
    case Emphasis::kStrong:
      return "strong";
    default:
      return "";
  }
}

}  // namespace

std::string ops_table(const Walkthrough& w, std::size_t step) {
  const LaneStep& left = w.fixed.steps[step];
  const LaneStep& right = w.wrong.steps[step];
  const std::vector<AlignedRow>& rows = w.rows[step];
  std::string out = fmt::format(
      "<table class=\"ops\"><thead><tr><th>{} <span class=\"tag good\">correct</span></th>"
      "<th>{}</th></tr></thead><tbody>",
      esc(w.fixed.variant->name), esc(w.wrong.variant->name));
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const AlignedRow& row = rows[i];
    out += row.differs ? "<tr class=\"differs\">" : "<tr>";
    out += row.left ? op_cell(left.ops[*row.left], row.differs) : "<td></td>";
    if (!right.reached) {
      // One cell down the whole column: the run raised in an earlier step.
      if (i == 0) {
        const auto stop = w.wrong.failure();
        out += fmt::format(
            "<td class=\"unreached\" rowspan=\"{}\">not reached: the run stopped "
            "in {}</td>",
            rows.size(), esc(stop ? w.wrong.steps[stop->first].label : "an earlier step"));
      }
    } else {
      out += row.right ? op_cell(right.ops[*row.right], row.differs) : "<td></td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::string breakdown_box(const Walkthrough& w) {
  const Breakdown& b = w.breakdown;
  const bool breaks = b.evidence != Evidence::kNone;
  std::string title = !breaks ? "&#x2713; " + esc(w.wrong.variant->name) + " holds every property"
                      : b.torch_op.empty()
                          ? "&#x2717; " + esc(b.property) + " fails, and no op raises"
                          : fmt::format("&#x2717; {} fails at {} in {}", esc(b.property),
                                        esc(b.torch_op), esc(b.step));
  std::string out =
      fmt::format("<div class=\"callout {}\"><h3>{}</h3><dl>", breaks ? "bad" : "good", title);
  for (const Fact& f : breakdown_facts(w)) {
    const bool code =
        f.emphasis == Emphasis::kCommand || f.label == "op" || f.label == "changed line";
    const std::string text = code ? "<code>" + esc(f.text) + "</code>" : esc(f.text);
    out += fmt::format("<dt>{}</dt><dd class=\"{}\">{}</dd>", esc(f.label), fact_class(f.emphasis),
                       text);
  }
  return out + "</dl></div>";
}

}  // namespace kvcheck::demo::html
