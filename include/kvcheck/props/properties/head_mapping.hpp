// head-mapping: query head h attends to kv head h / group.
#pragma once

#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

class HeadMapping final : public Property {
 public:
  std::string id() const override;
  std::string description() const override;
  model::AttentionConfig adapt(model::AttentionConfig config) const override;
  std::optional<Failure> check(const Case& c) const override;
  std::optional<Proof> prove(const model::Implementation& impl) const override;
  std::optional<Proof> prove_for(const model::Implementation& impl,
                                 const HeadCounts& heads) const override;
};

}  // namespace kvcheck::props
