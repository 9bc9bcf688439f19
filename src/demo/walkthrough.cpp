// build_walkthrough: runs both lanes, aligns them, finds where the wrong one breaks, probes
// the head maps and prices the cache, once for every renderer.
#include "kvcheck/demo/walkthrough.hpp"

#include <fmt/format.h>

#include <array>

namespace kvcheck::demo {
namespace {

std::vector<std::string> lines_of(const LaneStep& step) {
  std::vector<std::string> lines;
  for (const OpRow& row : step.ops) lines.push_back(row.pseudo);
  return lines;
}

}  // namespace

Walkthrough build_walkthrough(const DemoSetup& setup) {
  Walkthrough w;
  w.setup = setup;
  w.fixed = run_lane(*setup.fixed, setup.config);
  w.wrong = run_lane(*setup.wrong, setup.config);
  for (std::size_t i = 0; i < w.fixed.steps.size(); ++i) {
    w.rows.push_back(align_lines(lines_of(w.fixed.steps[i]), lines_of(w.wrong.steps[i])));
  }
  w.breakdown = find_breakdown(*setup.wrong, setup.config);
  w.interleave = measure_head_map(setup.config, model::RepeatKind::kInterleave);
  w.tile = measure_head_map(setup.config, model::RepeatKind::kTile);
  w.memory.push_back({"this demo", setup.config, check::cache_memory(setup.config)});
  w.memory.push_back(
      {setup.real_model.name, setup.real_model, check::cache_memory(setup.real_model)});
  return w;
}

std::string format_bytes(std::int64_t bytes) {
  static constexpr std::array<const char*, 5> kUnits{"KiB", "MiB", "GiB", "TiB", "PiB"};
  if (bytes < 1024) return fmt::format("{} B", bytes);
  double value = static_cast<double>(bytes) / 1024.0;
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < kUnits.size()) {
    value /= 1024.0;
    ++unit;
  }
  return fmt::format("{:.2f} {}", value, kUnits[unit]);
}

}  // namespace kvcheck::demo
