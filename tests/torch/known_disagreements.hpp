// Where libtorch 1.13 and kvcheck's shape rules disagree: found by this suite and reported,
// not fixed here (the rules are not this suite's to change). In each, libtorch accepts a call
// the rule rejects. The properties do not assert agreement on these cases; they assert that
// the disagreement is still exactly the reported one (expect_known_disagreement), so a fix on
// either side makes them fail and this list is updated.
#pragma once

#include <cstdint>

#include "rule_vs_torch.hpp"
#include "shape_draws.hpp"

namespace kvcheck::torch_test {

/// narrow(self, dim, -1, 0) where self.shape[dim] == 0. libtorch 1.13 wraps the start with
/// maybe_wrap_dim(start, 0), which treats a size of 0 as 1, so -1 becomes 0 and the empty
/// window is returned; the rule finds that -1 reaches before the start of an empty dim.
bool known_disagreement_narrow(const Sizes& self, std::int64_t dim, std::int64_t start,
                               std::int64_t length);

/// self.repeat(repeats) with a negative count, where every negative count meets a size-0 dim
/// (after padding self with leading 1s). libtorch multiplies 0 * -n = 0 and never checks the
/// count; the rule requires every count >= 0.
bool known_disagreement_repeat(const Sizes& self, const Sizes& repeats);

/// self.repeat_interleave(repeats, dim) with repeats < 0 and self.shape[dim] == 0. libtorch
/// expands the count to one per slice of dim; with no slices, its "repeats can not be
/// negative" check has nothing to look at. The rule requires repeats >= 0.
bool known_disagreement_repeat_interleave(const Sizes& self, std::int64_t repeats,
                                          std::int64_t dim);

/// self.expand(sizes) that libtorch 1.13 answers with a tensor of a negative size (a size
/// below -1 where self, padded with leading 1s, has a 1; seen when another result size is 0,
/// while without one its element-count check raises). No tensor can have that shape: here
/// libtorch is wrong and the rule, which rejects the negative size, is right.
bool known_disagreement_expand(const TorchOutcome& torch);

}  // namespace kvcheck::torch_test
