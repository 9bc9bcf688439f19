// Draws for the shape-rule differential: small shapes (ranks 0-4, sizes 0-5), shapes close to
// another so that operands are often compatible, and dim indices that are sometimes out of
// range. Each is called inside a RapidCheck property, so every draw shrinks.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace kvcheck::torch_test {

using Sizes = std::vector<std::int64_t>;

inline constexpr int kMaxRank = 4;
inline constexpr std::int64_t kMaxSize = 5;

/// Sizes of a rank in [min_rank, max_rank], each in [0, kMaxSize].
Sizes draw_sizes(int min_rank = 0, int max_rank = kMaxRank);

/// Sizes like `base`: each dim mostly kept, sometimes 1 or drawn afresh, and now and then a
/// leading dim dropped or added (rank kept in [min_rank, max_rank]). Independent draws
/// would almost never be compatible, and a rule would only ever be seen rejecting.
Sizes draw_near(const Sizes& base, int min_rank = 0, int max_rank = kMaxRank);

/// A dim index for `rank` dims: usually in [-rank, rank), sometimes up to two past either
/// end so that PyTorch's dim wrapping is exercised on both sides.
std::int64_t draw_dim(std::int64_t rank);

/// A size argument (a repeat count, a length, an expand or view size) in [lo, hi].
std::int64_t draw_between(std::int64_t lo, std::int64_t hi);

/// true with probability about 1 / `one_in`.
bool draw_chance(int one_in);

/// "[2, 0, 3]".
std::string sizes_text(const Sizes& sizes);

}  // namespace kvcheck::torch_test
