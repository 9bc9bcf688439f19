// classify: every property's proof for one implementation, and for the whole space.
#include "kvcheck/check/classify.hpp"

namespace kvcheck::check {

bool Classification::correct() const {
  for (const props::Proof& p : proofs) {
    if (p.truth != sym::Truth::kProved) return false;
  }
  return true;
}

bool Classification::undecided() const { return !correct() && refuted().empty(); }

std::vector<std::string> Classification::refuted() const {
  std::vector<std::string> out;
  for (std::size_t k = 0; k < proofs.size(); ++k) {
    if (proofs[k].truth == sym::Truth::kRefuted) out.push_back(properties[k]->id());
  }
  return out;
}

Classification classify(const model::Implementation& impl) {
  Classification c;
  c.impl = impl;
  for (const props::Property* p : props::property_registry()) {
    if (auto proof = p->prove(impl)) {
      c.properties.push_back(p);
      c.proofs.push_back(std::move(*proof));
    }
  }
  return c;
}

std::vector<Classification> classify_all() {
  std::vector<Classification> out;
  for (const model::Implementation& impl : model::all_implementations()) out.push_back(classify(impl));
  return out;
}

}  // namespace kvcheck::check
