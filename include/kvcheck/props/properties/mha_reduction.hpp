// mha-reduction: with n_kv_heads == n_heads the forward is plain multi-head attention.
#pragma once

#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

class MhaReduction final : public Property {
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
