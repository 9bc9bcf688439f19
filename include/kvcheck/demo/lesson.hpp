// The sentences of the lesson, written once and laid out by both the terminal and the HTML
// renderer, so the two never explain the same fact differently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "kvcheck/demo/walkthrough.hpp"

namespace kvcheck::demo {

/// How a fact wants to be shown; each renderer maps it to a colour or a CSS class.
enum class Emphasis { kPlain, kGood, kBad, kWarn, kStrong, kCommand };

/// One labelled line of a summary, e.g. {"smallest", "n_kv_heads=1, group=2 (n_heads=2)"}.
struct Fact {
  std::string label;
  std::string text;
  Emphasis emphasis = Emphasis::kPlain;
};

/// "position 3" or "positions 0..2".
std::string positions_text(std::int64_t from, std::int64_t count);

/// "prefill: positions 0..2 (3 tokens)", "setup: allocate the cache buffers ...".
std::string step_title(const LaneStep& step);

/// "demo: n_heads=4 n_kv_heads=2 (group=2) head_dim=4 ...".
std::string config_line(const model::AttentionConfig& c);

/// "where cache-sized-by-n_heads breaks", or "nothing breaks in fixed" for a correct variant.
std::string breakdown_title(const Walkthrough& w);

/// What it does, the op (or the first changed line), why, when, the smallest config,
/// what happens in this run, and the command that shows the evidence.
std::vector<Fact> breakdown_facts(const Walkthrough& w);

/// Query heads that tiling sends to another kv head than interleaving.
std::vector<std::int64_t> moved_heads(const Walkthrough& w);

/// One paragraph on the two head maps at this config.
std::string head_map_lesson(const Walkthrough& w);

/// How the head maps were measured.
std::string head_map_method();

/// "1 layer, 5 positions, float32, n_kv_heads=2 of n_heads=4, head_dim=4", plus the source
/// for the real model.
std::string memory_about(const Walkthrough& w, const MemoryRow& row);

/// One paragraph on what repeating before the cache costs.
std::string memory_lesson(const Walkthrough& w);

}  // namespace kvcheck::demo
