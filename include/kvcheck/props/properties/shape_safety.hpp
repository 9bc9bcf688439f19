// shape-safety: no op of any step violates its PyTorch shape rule.
#pragma once

#include "kvcheck/props/property.hpp"

namespace kvcheck::props {

class ShapeSafety final : public Property {
 public:
  std::string id() const override;
  std::string description() const override;
  std::optional<Failure> check(const Case& c) const override;
  std::optional<Proof> prove(const model::Implementation& impl) const override;
  std::optional<Proof> prove_for(const model::Implementation& impl,
                                 const HeadCounts& heads) const override;
};

/// Runs the concrete shape interpreter over every step of `config` (prefill in chunks of
/// `chunk` tokens when given); the first failing op, or nullopt.
std::optional<Failure> first_shape_failure(const model::AttentionConfig& config,
                                           const model::Implementation& impl,
                                           std::optional<std::int64_t> chunk);

}  // namespace kvcheck::props
