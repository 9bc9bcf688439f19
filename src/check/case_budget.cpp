// reduce_for_budget: shrink head_dim first, then the kv heads (never below two), and the
// group only when nothing else is left, so the reduced model differs from the real one as
// little as the properties can tell.
#include "kvcheck/check/case_budget.hpp"

#include <algorithm>

namespace kvcheck::check {
namespace {

/// The largest value <= limit with the parity of `like`, at least `floor`.
std::int64_t same_parity_at_most(std::int64_t limit, std::int64_t like, std::int64_t floor) {
  std::int64_t v = std::max(limit, floor);
  if ((v - like) % 2 != 0) --v;
  return std::max(v, floor);
}

}  // namespace

std::optional<ReducedSizes> reduce_for_budget(const model::AttentionConfig& model) {
  const std::int64_t kv = model.n_kv_heads;
  const std::int64_t group = model.group();
  const std::int64_t dim = model.head_dim;
  // Overflow-free: n_heads and head_dim are each below 2^31.
  if (model.n_heads * dim <= kMaxCaseHeadElements) return std::nullopt;

  const std::int64_t min_dim = std::min(dim, dim % 2 == 0 ? std::int64_t{2} : std::int64_t{1});
  const std::int64_t min_kv = std::min(kv, std::int64_t{2});
  ReducedSizes r;
  // head_dim: as much of it as fits beside the group and the fewest kv heads kept.
  const std::int64_t room_for_dim =
      kReducedHeadElements / std::max<std::int64_t>(1, group * min_kv);
  r.head_dim = std::min(dim, same_parity_at_most(room_for_dim, dim, min_dim));
  // kv heads: as many as fit, at least two.
  r.n_kv_heads = std::clamp(kReducedHeadElements / (group * r.head_dim), min_kv, kv);
  std::int64_t kept_group = group;
  if (group * r.n_kv_heads * r.head_dim > kReducedHeadElements) {
    // The group alone is over the budget (2^20 query heads on one kv head): keep it grouped.
    kept_group = std::max<std::int64_t>(2, kReducedHeadElements / (r.n_kv_heads * r.head_dim));
    r.group_kept = false;
  }
  r.n_heads = r.n_kv_heads * kept_group;

  r.note = "checked at n_heads=" + std::to_string(r.n_heads) +
           " n_kv_heads=" + std::to_string(r.n_kv_heads) +
           " head_dim=" + std::to_string(r.head_dim) + " (" +
           (r.group_kept ? "group " + std::to_string(group) + " kept"
                         : "group " + std::to_string(kept_group) + " of " + std::to_string(group)) +
           (r.head_dim % 2 == 0 ? ", head_dim even" : "") + "): the model's " +
           std::to_string(model.n_heads) + " x " + std::to_string(dim) +
           " head elements exceed the per-case budget of " + std::to_string(kMaxCaseHeadElements) +
           "; the proofs for every configuration cover the real sizes";
  return r;
}

model::AttentionConfig with_sizes(model::AttentionConfig model, const ReducedSizes& sizes) {
  model.n_heads = sizes.n_heads;
  model.n_kv_heads = sizes.n_kv_heads;
  model.head_dim = sizes.head_dim;
  return model;
}

}  // namespace kvcheck::check
