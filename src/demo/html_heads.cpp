// heads_svg: the head-group map as a picture, query heads above, kv heads below, one arrow
// per query head to the kv head it reads, coloured by that kv head.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "html_parts.hpp"

namespace kvcheck::demo::html {
namespace {

constexpr double kWidth = 560;
constexpr double kPad = 24;
constexpr double kQueryTop = 34;
constexpr double kBoxHeight = 30;
constexpr double kKvTop = 150;
constexpr double kHeight = 214;

double query_x(std::int64_t h, std::int64_t n) {
  return kPad + (kWidth - 2 * kPad) * (static_cast<double>(h) + 0.5) / static_cast<double>(n);
}

/// A line from (x1, y1) to (x2, y2) ending in a filled arrowhead, so it reads as "reads".
std::string arrow(double x1, double y1, double x2, double y2) {
  const double length = std::hypot(x2 - x1, y2 - y1);
  const double ux = (x2 - x1) / length;
  const double uy = (y2 - y1) / length;
  const double head = 7;
  const double bx = x2 - ux * head;
  const double by = y2 - uy * head;
  return fmt::format(
      "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\"/>"
      "<polygon points=\"{:.1f},{:.1f} {:.1f},{:.1f} {:.1f},{:.1f}\"/>",
      x1, y1, bx, by, x2, y2, bx - uy * head * 0.5, by + ux * head * 0.5, bx + uy * head * 0.5,
      by - ux * head * 0.5);
}

std::string box(double cx, double top, double width, const std::string& label, bool show_label) {
  std::string out =
      fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" rx=\"5\"/>",
                  cx - width / 2, top, width, kBoxHeight);
  if (show_label) {
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\">{}</text>", cx, top + kBoxHeight / 2 + 4,
                       label);
  }
  return out;
}

}  // namespace

std::string heads_svg(const HeadMap& map, const std::string& id_prefix, const HeadMap* reference) {
  const auto n = static_cast<std::int64_t>(map.kv_of.size());
  const std::int64_t k = map.n_kv_heads;
  const double slot = (kWidth - 2 * kPad) / static_cast<double>(n);
  const double query_width = std::min(46.0, slot * 0.78);
  const double kv_width = std::min(90.0, (kWidth - 2 * kPad) / static_cast<double>(k) * 0.6);
  // Labels need room: below ~18 px a box shows only its colour (the tooltip still names it).
  const bool query_labels = query_width >= 18;

  std::string out = fmt::format(
      "<svg class=\"heads\" viewBox=\"0 0 {:.0f} {:.0f}\" role=\"img\" "
      "aria-label=\"{} query heads reading {} kv heads\">",
      kWidth, kHeight, n, k);
  out += fmt::format(
      "<text class=\"row-label\" x=\"{:.0f}\" y=\"20\">query heads (n_heads = {})</text>", kPad, n);
  out += fmt::format(
      "<text class=\"row-label\" x=\"{:.0f}\" y=\"{:.0f}\">kv heads in the cache (n_kv_heads = "
      "{})</text>",
      kPad, kKvTop + kBoxHeight + 22, k);
  for (std::int64_t h = 0; h < n; ++h) {
    const std::int64_t kv = map.kv_of[static_cast<std::size_t>(h)];
    out += fmt::format("<g class=\"arrow {}\">{}</g>", colour_class(kv),
                       arrow(query_x(h, n), kQueryTop + kBoxHeight, query_x(kv, k), kKvTop - 2));
  }
  for (std::int64_t h = 0; h < n; ++h) {
    const std::int64_t kv = map.kv_of[static_cast<std::size_t>(h)];
    const bool moved = reference != nullptr && reference->kv_of[static_cast<std::size_t>(h)] != kv;
    out += fmt::format(
        "<g id=\"{}q-head-{}\" class=\"q-head {}{}\"><title>query head {} reads kv head "
        "{}{}</title>{}</g>",
        id_prefix, h, colour_class(kv), moved ? " moved" : "", h, kv,
        moved ? fmt::format(" (should read kv head {})",
                            reference->kv_of[static_cast<std::size_t>(h)])
              : "",
        box(query_x(h, n), kQueryTop, query_width, fmt::format("q{}", h), query_labels));
  }
  for (std::int64_t j = 0; j < k; ++j) {
    out +=
        fmt::format("<g id=\"{}kv-head-{}\" class=\"kv-head {}\"><title>kv head {}</title>{}</g>",
                    id_prefix, j, colour_class(j), j,
                    box(query_x(j, k), kKvTop, kv_width, fmt::format("kv{}", j), kv_width >= 22));
  }
  return out + "</svg>";
}

}  // namespace kvcheck::demo::html
