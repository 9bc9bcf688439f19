// The property registry: an explicit table, in report order.
#include "kvcheck/props/properties/cache_footprint.hpp"
#include "kvcheck/props/properties/chunked_prefill.hpp"
#include "kvcheck/props/properties/head_mapping.hpp"
#include "kvcheck/props/properties/mha_reduction.hpp"
#include "kvcheck/props/properties/output_equivalence.hpp"
#include "kvcheck/props/properties/shape_safety.hpp"
#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

const std::vector<const Property*>& property_registry() {
  static const ShapeSafety shape_safety;
  static const OutputEquivalence output_equivalence;
  static const CacheFootprint cache_footprint;
  static const HeadMapping head_mapping;
  static const MhaReduction mha_reduction;
  static const ChunkedPrefill chunked_prefill;
  static const std::vector<const Property*> all = {&shape_safety,  &output_equivalence,
                                                   &cache_footprint, &head_mapping,
                                                   &mha_reduction, &chunked_prefill};
  return all;
}

const Property* find_property(const std::string& id) {
  for (const Property* p : property_registry()) {
    if (p->id() == id) return p;
  }
  return nullptr;
}

std::vector<std::string> property_ids() {
  std::vector<std::string> out;
  for (const Property* p : property_registry()) out.push_back(p->id());
  return out;
}

}  // namespace kvcheck::props
