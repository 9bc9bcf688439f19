// cache-footprint: the cache holds exactly the elements GQA needs, no repeated heads.
#pragma once

#include "kvcheck/props/property.hpp"
#include "kvcheck/props/symbolic_run.hpp"

namespace kvcheck::props {

/// The cache-footprint proof with some symbols fixed (none: every configuration).
Proof prove_footprint(const model::Implementation& impl, const FixedSymbols& fixed);

class CacheFootprint final : public Property {
 public:
  std::string id() const override;
  std::string description() const override;
  std::optional<Failure> check(const Case& c) const override;
  std::optional<Proof> prove(const model::Implementation& impl) const override;
  std::optional<Proof> prove_for(const model::Implementation& impl,
                                 const HeadCounts& heads) const override;
};

}  // namespace kvcheck::props
