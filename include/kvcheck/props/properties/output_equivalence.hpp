// output-equivalence: prefill + decode through the cache equals the reference forward.
#pragma once

#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

class OutputEquivalence final : public Property {
 public:
  std::string id() const override;
  std::string description() const override;
  std::optional<Failure> check(const Case& c) const override;
  std::optional<Proof> prove(const model::Implementation& impl) const override;
  std::optional<Proof> prove_for(const model::Implementation& impl,
                                 const HeadCounts& heads) const override;
};

}  // namespace kvcheck::props
