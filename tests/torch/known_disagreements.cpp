// The predicates of the reported disagreements.
#include "known_disagreements.hpp"

#include <algorithm>

#include "kvcheck/shape/shape.hpp"

namespace kvcheck::torch_test {

bool known_disagreement_narrow(const Sizes& self, std::int64_t dim, std::int64_t start,
                               std::int64_t length) {
  const auto d = shape::normalize_dim(dim, static_cast<std::int64_t>(self.size()));
  return d && self[static_cast<std::size_t>(*d)] == 0 && start == -1 && length == 0;
}

bool known_disagreement_repeat(const Sizes& self, const Sizes& repeats) {
  if (repeats.size() < self.size()) return false;
  const std::size_t lead = repeats.size() - self.size();
  bool any_negative = false;
  for (std::size_t i = 0; i < repeats.size(); ++i) {
    if (repeats[i] >= 0) continue;
    any_negative = true;
    const std::int64_t padded = i < lead ? 1 : self[i - lead];
    if (padded != 0) return false;
  }
  return any_negative;
}

bool known_disagreement_repeat_interleave(const Sizes& self, std::int64_t repeats,
                                          std::int64_t dim) {
  const auto d = shape::normalize_dim(dim, static_cast<std::int64_t>(self.size()));
  return d && self[static_cast<std::size_t>(*d)] == 0 && repeats < 0;
}

bool known_disagreement_expand(const TorchOutcome& torch) {
  return torch.sizes && std::any_of(torch.sizes->begin(), torch.sizes->end(),
                                    [](std::int64_t s) { return s < 0; });
}

}  // namespace kvcheck::torch_test
