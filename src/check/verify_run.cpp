// run_verify: resolves names, runs each (variant, property), compares with the catalog.
#include "kvcheck/check/verify_run.hpp"

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& n : names) out += (out.empty() ? "" : ", ") + n;
  return out;
}

}  // namespace

bool matches_catalog(const Verdict& v) {
  if (v.status == Status::kUnknown || v.status == Status::kInconsistent) return false;
  const model::Variant* variant = model::find_variant(v.variant);
  const model::Expectation expected =
      variant ? variant->expectation(v.property) : model::Expectation::kHolds;
  return v.fails() == (expected == model::Expectation::kFails);
}

int VerifyRun::mismatches() const {
  int n = 0;
  for (const Verdict& v : verdicts) n += matches_catalog(v) ? 0 : 1;
  return n;
}

int VerifyRun::failures() const {
  int n = 0;
  for (const Verdict& v : verdicts) n += v.fails() ? 1 : 0;
  return n;
}

VerifyRun run_verify(const VerifyOptions& options) {
  VerifyRun run;
  run.params = options.params;
  run.variants = options.variants.empty() ? model::variant_names() : options.variants;
  run.properties = options.properties.empty() ? props::property_ids() : options.properties;
  for (const std::string& name : run.variants) {
    if (!model::find_variant(name)) {
      throw InputError("", 0, "--variant",
                       "unknown variant '" + name + "'; known: " + joined(model::variant_names()));
    }
  }
  for (const std::string& id : run.properties) {
    if (!props::find_property(id)) {
      throw InputError("", 0, "--property",
                       "unknown property '" + id + "'; known: " + joined(props::property_ids()));
    }
  }
  for (const std::string& name : run.variants) {
    const model::Variant& variant = *model::find_variant(name);
    for (const std::string& id : run.properties) {
      run.verdicts.push_back(verify(name, variant.impl, *props::find_property(id), run.params));
    }
  }
  return run;
}

}  // namespace kvcheck::check
