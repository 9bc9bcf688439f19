// expect_agreement: a rule's verdict against libtorch's, as a RapidCheck assertion.
#include "rule_vs_torch.hpp"

#include <rapidcheck.h>

namespace kvcheck::torch_test {
namespace {

// libtorch's messages run over several lines (the op's signature, hints); the first says it.
std::string first_line(const std::string& message) {
  return message.substr(0, message.find('\n'));
}

}  // namespace

at::Tensor zeros(const Sizes& sizes) {
  return at::zeros(sizes, at::TensorOptions().dtype(at::kFloat));
}

at::Tensor bool_zeros(const Sizes& sizes) {
  return at::zeros(sizes, at::TensorOptions().dtype(at::kBool));
}

IShape to_shape(const Sizes& sizes) {
  return IShape(sizes);
}

void expect_agreement(const std::string& call, const RuleResult& rule, const TorchOutcome& torch,
                      Tally& tally) {
  if (rule.has_value() && !torch.sizes) {
    RC_FAIL(call + ": kvcheck accepts with result " + rule.value().to_string() +
            ", libtorch raises: " + first_line(torch.error));
  }
  if (!rule.has_value() && torch.sizes) {
    RC_FAIL(call + ": libtorch accepts with result " + sizes_text(*torch.sizes) +
            ", kvcheck rejects: " + rule.error().message);
  }
  if (!rule.has_value()) {
    ++tally.rejected;
    return;
  }
  if (rule.value() != to_shape(*torch.sizes)) {
    RC_FAIL(call + ": kvcheck gives " + rule.value().to_string() + ", libtorch gives " +
            sizes_text(*torch.sizes));
  }
  ++tally.accepted;
}

void expect_known_disagreement(const std::string& call, const RuleResult& rule,
                               const TorchOutcome& torch, Tally& tally) {
  if (!torch.sizes) {
    RC_FAIL(call + ": reported as accepted by libtorch 1.13, which now raises: " +
            first_line(torch.error) + " (update known_disagreements)");
  }
  if (rule.has_value()) {
    RC_FAIL(call + ": reported as rejected by kvcheck, which now accepts with result " +
            rule.value().to_string() + " (update known_disagreements)");
  }
  ++tally.known_disagreements;
}

void expect_as_known(bool known, const std::string& call, const RuleResult& rule,
                     const TorchOutcome& torch, Tally& tally) {
  if (known) {
    expect_known_disagreement(call, rule, torch, tally);
  } else {
    expect_agreement(call, rule, torch, tally);
  }
}

}  // namespace kvcheck::torch_test
