// The terminal demo: the walkthrough as pages of text (one per step and per lesson), so
// `--step` can pause between them. Pure functions of the walkthrough and the options.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "kvcheck/demo/text_layout.hpp"
#include "kvcheck/demo/walkthrough.hpp"
#include "kvcheck/report/style.hpp"

namespace kvcheck::demo {

struct TextOptions {
  std::size_t width = 100;  ///< terminal columns
  bool ascii = false;       ///< ASCII glyphs instead of UTF-8 box characters
  report::Style style;      ///< colour or not

  const Glyphs& glyphs() const { return ascii ? ascii_glyphs() : unicode_glyphs(); }
  /// Columns of each of the two side-by-side lanes.
  std::size_t lane_width() const;
};

/// Every page in order: the header, one per step, where it breaks, the head map, memory.
/// Pages after the first start with a blank line; together they are the whole output.
std::vector<std::string> demo_pages(const Walkthrough& w, const TextOptions& options);

/// The title, config, the two variants and how to read what follows.
std::string header_text(const Walkthrough& w, const TextOptions& options);
/// Step `index` of the lanes: its ops side by side, then both cache buffers.
std::string step_text(const Walkthrough& w, std::size_t index, const TextOptions& options);
/// The op, reason, condition and smallest config where the wrong variant breaks.
std::string breakdown_text(const Walkthrough& w, const TextOptions& options);
/// Which kv head each query head reads, interleaved and tiled.
std::string head_map_text(const Walkthrough& w, const TextOptions& options);
/// Cache memory in both orderings, for the demo and for a real model.
std::string memory_text(const Walkthrough& w, const TextOptions& options);

}  // namespace kvcheck::demo
