// The pieces of the demo's HTML page, one function per figure or table; html_page.cpp puts
// them together. Internal to the demo library.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kvcheck/check/verify_run.hpp"
#include "kvcheck/demo/walkthrough.hpp"

namespace kvcheck::demo::html {

/// Text or a double-quoted attribute value, escaped (and made valid UTF-8).
std::string esc(std::string_view s);

/// The colour class of kv head `kv` ("c0".."c7"; colours repeat past eight groups).
std::string colour_class(std::int64_t kv);

/// The page's stylesheet.
const std::string& stylesheet();

/// Query heads above their kv heads with an arrow each. `id_prefix` keeps ids unique when
/// the page shows two maps ("" gives q-head-0, kv-head-0; "tile-" gives tile-q-head-0).
/// Query heads that read another kv head than in `reference` are outlined as wrong.
std::string heads_svg(const HeadMap& map, const std::string& id_prefix,
                      const HeadMap* reference = nullptr);

/// The cache buffer after one step of a lane: one row per head, one column per position,
/// written cells in the colour of the kv head they hold.
std::string cache_svg(const Lane& lane, std::size_t step, std::int64_t group);

/// The op-by-op table of one step, both lanes side by side.
std::string ops_table(const Walkthrough& w, std::size_t step);

/// Where the wrong variant breaks, as a call-out box.
std::string breakdown_box(const Walkthrough& w);

/// Bars of cache memory for both orderings, per model.
std::string memory_figure(const Walkthrough& w);

/// The verdict matrix with a legend.
std::string verdict_table(const check::VerifyRun& run);

}  // namespace kvcheck::demo::html
