// classification_text: correct, wrong (with conditions) and undecided implementations.
#include "kvcheck/report/classification_text.hpp"

#include <fmt/core.h>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::report {
namespace {

std::string catalog_name(const model::Implementation& impl) {
  for (const model::Variant& v : model::variant_catalog()) {
    if (v.impl == impl) return "  (" + v.name + ")";
  }
  return "";
}

std::string refutation(const props::Proof& p) {
  if (!p.failure) return p.message;
  const shape::ShapeError& e = p.failure->error;
  std::string out = "fails whenever " + e.condition;
  if (e.smallest) out += "; smallest " + e.smallest->to_string();
  out += "  [" + p.failure->op.torch_op + (p.step.empty() ? "" : " in " + p.step) + "]";
  return out;
}

}  // namespace

std::string classification_text(const std::vector<check::Classification>& all, const Style& style) {
  std::size_t correct = 0;
  std::size_t undecided = 0;
  for (const auto& c : all) {
    correct += c.correct() ? 1 : 0;
    undecided += c.undecided() ? 1 : 0;
  }
  std::string out = fmt::format(
      "{} implementations (every combination of cache heads, repeat order, repeat kind, mask, "
      "rope, layout and attention kernel): {} correct, {} wrong, {} undecided; every property "
      "decided for every configuration by proof\n",
      all.size(), correct, all.size() - correct - undecided, undecided);
  out += "\n" + style.paint("correct", Tone::kBold) + "\n";
  for (const auto& c : all) {
    if (c.correct()) out += "  " + c.impl.describe() + catalog_name(c.impl) + "\n";
  }
  out += "\n" + style.paint("wrong", Tone::kBold) + "\n";
  for (const auto& c : all) {
    if (c.correct() || c.undecided()) continue;
    out += "  " + c.impl.describe() + catalog_name(c.impl) + "\n";
    for (std::size_t k = 0; k < c.proofs.size(); ++k) {
      if (c.proofs[k].truth != sym::Truth::kRefuted) continue;
      out += fmt::format("      {:<20}{}\n", c.properties[k]->id(), refutation(c.proofs[k]));
    }
  }
  if (undecided > 0) {
    out += "\n" + style.paint("undecided", Tone::kWarn) + "\n";
    for (const auto& c : all) {
      if (!c.undecided()) continue;
      out += "  " + c.impl.describe() + "\n";
      for (std::size_t k = 0; k < c.proofs.size(); ++k) {
        if (c.proofs[k].truth == sym::Truth::kUnknown) {
          out += fmt::format("      {:<20}unknown: {}\n", c.properties[k]->id(), c.proofs[k].message);
        }
      }
    }
  }
  return out;
}

}  // namespace kvcheck::report
