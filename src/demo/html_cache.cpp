// cache_svg: one cache buffer after one step, as a grid of heads x positions; the page
// lays these out as small multiples, one per step and lane.
#include <fmt/format.h>

#include <algorithm>

#include "html_parts.hpp"

namespace kvcheck::demo::html {
namespace {

constexpr double kLabelWidth = 34;
constexpr double kHeaderHeight = 16;

/// The kv head whose keys land in row `row` of the buffer: the row itself for a kv-sized
/// buffer; for an n_heads-sized one, the kv head repeated into that query head's slot.
std::int64_t kv_of_row(const Lane& lane, std::int64_t row, std::int64_t group, std::int64_t rows) {
  if (lane.steps.front().cache.kv_sized) return row;
  const std::int64_t kv_heads = std::max<std::int64_t>(1, rows / group);
  return lane.variant->impl.repeat_kind == model::RepeatKind::kTile ? row % kv_heads : row / group;
}

}  // namespace

std::string cache_svg(const Lane& lane, std::size_t step_index, std::int64_t group) {
  const LaneStep& step = lane.steps[step_index];
  const CacheFill& c = step.cache;
  const double cell = std::clamp(
      150.0 / static_cast<double>(std::max<std::int64_t>({c.heads, c.positions, 1})), 9.0, 22.0);
  const double width = kLabelWidth + cell * static_cast<double>(c.positions) + 2;
  const double height = kHeaderHeight + cell * static_cast<double>(c.heads) + 2;
  std::string classes = "cache";
  if (!step.reached) classes += " unreached";
  if (step.failed_op) classes += " failed";
  std::string out = fmt::format(
      "<svg class=\"{}\" viewBox=\"0 0 {:.0f} {:.0f}\" width=\"{:.0f}\" height=\"{:.0f}\" "
      "role=\"img\" aria-label=\"{} after {}\">",
      classes, width, height, width, height, c.name, esc(step.label));
  const bool show_positions = cell >= 12 || c.positions <= 12;
  for (std::int64_t p = 0; p < c.positions && show_positions; ++p) {
    out += fmt::format("<text class=\"pos\" x=\"{:.1f}\" y=\"11\">{}</text>",
                       kLabelWidth + cell * (static_cast<double>(p) + 0.5), p);
  }
  const std::string row_prefix = c.kv_sized ? "kv" : "h";
  for (std::int64_t h = 0; h < c.heads; ++h) {
    const double y = kHeaderHeight + cell * static_cast<double>(h);
    const std::string colour = colour_class(kv_of_row(lane, h, group, c.heads));
    if (cell >= 11 || h % 4 == 0) {
      out += fmt::format("<text class=\"row\" x=\"{:.0f}\" y=\"{:.1f}\">{}{}</text>",
                         kLabelWidth - 5, y + cell / 2 + 4, row_prefix, h);
    }
    for (std::int64_t p = 0; p < c.positions; ++p) {
      const int by = c.written_by[static_cast<std::size_t>(p)];
      const std::string state = by < 0 ? "empty"
                                : by == static_cast<int>(step_index) && step.reached
                                    ? "new " + colour
                                    : "old " + colour;
      out += fmt::format(
          "<rect class=\"cell {}\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" "
          "rx=\"2\"/>",
          state, kLabelWidth + cell * static_cast<double>(p) + 1, y + 1, cell - 2, cell - 2);
    }
  }
  return out + "</svg>";
}

}  // namespace kvcheck::demo::html
