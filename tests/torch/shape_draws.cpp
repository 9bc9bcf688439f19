// The draws of the shape-rule differential.
#include "shape_draws.hpp"

#include <rapidcheck.h>

#include <ostream>

namespace kvcheck::torch_test {
namespace {

enum class DimChoice { kKeep, kOne, kDraw };
enum class RankChange { kKeep, kDropLeading, kAddLeading };

// RapidCheck prints every draw of a counterexample; these make the choices readable there.
std::ostream& operator<<(std::ostream& os, DimChoice c) {
  return os << (c == DimChoice::kKeep ? "keep" : c == DimChoice::kOne ? "1" : "draw");
}
std::ostream& operator<<(std::ostream& os, RankChange c) {
  return os << (c == RankChange::kKeep          ? "keep rank"
                : c == RankChange::kDropLeading ? "drop leading dim"
                                                : "add leading dim");
}

}  // namespace

Sizes draw_sizes(int min_rank, int max_rank) {
  const int rank = *rc::gen::inRange(min_rank, max_rank + 1);
  Sizes out;
  for (int i = 0; i < rank; ++i) out.push_back(draw_between(0, kMaxSize));
  return out;
}

Sizes draw_near(const Sizes& base, int min_rank, int max_rank) {
  Sizes out = base;
  const RankChange change = *rc::gen::weightedElement<RankChange>(
      {{6, RankChange::kKeep}, {1, RankChange::kDropLeading}, {1, RankChange::kAddLeading}});
  if (change == RankChange::kDropLeading && !out.empty()) out.erase(out.begin());
  if (change == RankChange::kAddLeading) out.insert(out.begin(), draw_between(0, kMaxSize));
  for (std::int64_t& size : out) {
    const DimChoice choice = *rc::gen::weightedElement<DimChoice>(
        {{6, DimChoice::kKeep}, {2, DimChoice::kOne}, {1, DimChoice::kDraw}});
    if (choice == DimChoice::kOne) size = 1;
    if (choice == DimChoice::kDraw) size = draw_between(0, kMaxSize);
  }
  while (static_cast<int>(out.size()) > max_rank) out.erase(out.begin());
  while (static_cast<int>(out.size()) < min_rank) out.insert(out.begin(), 1);
  return out;
}

std::int64_t draw_dim(std::int64_t rank) {
  if (draw_chance(4)) return draw_between(-rank - 2, rank + 1);
  return rank == 0 ? 0 : draw_between(-rank, rank - 1);
}

std::int64_t draw_between(std::int64_t lo, std::int64_t hi) {
  return *rc::gen::inRange(lo, hi + 1);
}

bool draw_chance(int one_in) {
  return *rc::gen::inRange(0, one_in) == 0;
}

std::string sizes_text(const Sizes& sizes) {
  std::string out = "[";
  for (std::size_t i = 0; i < sizes.size(); ++i) {
    if (i) out += ", ";
    out += std::to_string(sizes[i]);
  }
  return out + "]";
}

}  // namespace kvcheck::torch_test
