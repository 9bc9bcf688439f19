// Walkthrough: everything the demo shows, computed once; the terminal and HTML renderers
// only lay it out, so the two can never tell different stories.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/check/config_check.hpp"
#include "kvcheck/demo/alignment.hpp"
#include "kvcheck/demo/breakdown.hpp"
#include "kvcheck/demo/demo_setup.hpp"
#include "kvcheck/demo/head_map.hpp"
#include "kvcheck/demo/lane.hpp"

namespace kvcheck::demo {

/// Cache memory of one model in both orderings.
struct MemoryRow {
  std::string label;  ///< "this demo", "Llama-3-8B"
  model::AttentionConfig config;
  check::CacheMemory memory;  ///< kv heads cached (bytes_at_max_positions) vs repeated
};

struct Walkthrough {
  DemoSetup setup;
  Lane fixed;
  Lane wrong;
  /// Per step (same count as the lanes' steps): fixed's ops against wrong's.
  std::vector<std::vector<AlignedRow>> rows;
  Breakdown breakdown;
  HeadMap interleave;
  HeadMap tile;
  std::vector<MemoryRow> memory;  ///< this demo's config, then the real model
};

Walkthrough build_walkthrough(const DemoSetup& setup);

/// 1536 -> "1.50 KiB"; below 1 KiB in bytes ("160 B").
std::string format_bytes(std::int64_t bytes);

}  // namespace kvcheck::demo
