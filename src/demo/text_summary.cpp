// The terminal demo's lessons after the steps: where the wrong variant breaks, which kv
// head each query head reads, and what the cache costs in both orderings.
#include <fmt/format.h>

#include "kvcheck/demo/lesson.hpp"
#include "kvcheck/demo/text_render.hpp"

namespace kvcheck::demo {
namespace {

using report::Tone;

constexpr std::size_t kLabelWidth = 16;
constexpr std::size_t kMemoryLabelWidth = 22;

Tone tone_of(Emphasis e) {
  switch (e) {
    case Emphasis::kPlain:
      return Tone::kPlain;
    case Emphasis::kGood:
      return Tone::kGood;
    case Emphasis::kBad:
      return Tone::kBad;
    case Emphasis::kWarn:
      return Tone::kWarn;
    case Emphasis::kStrong:
      return Tone::kBold;
    case Emphasis::kCommand:
      return Tone::kDim;
  }
  return Tone::kPlain;
}

/// "  label         text", the text wrapped under itself.
std::string field(const std::string& label, const std::string& text, const TextOptions& o,
                  Tone tone, std::size_t label_width = kLabelWidth) {
  const std::string lead = fmt::format("  {:<{}}", label, label_width - 2);
  return render(wrapped(lead, text, o.width, tone, 0), o.style);
}

std::string paragraph(const std::string& text, const TextOptions& o, Tone tone = Tone::kPlain) {
  return render(wrapped("  ", text, o.width, tone, 0), o.style);
}

Cell head_map_cell(const HeadMap& map, const std::string& title, const std::string& rule,
                   const TextOptions& o) {
  const std::size_t width = o.lane_width();
  Cell cell = wrapped("  ", title, width, Tone::kBold);
  const Cell formula = wrapped("  ", rule, width, Tone::kDim);
  cell.insert(cell.end(), formula.begin(), formula.end());
  for (std::int64_t kv = 0; kv < map.n_kv_heads; ++kv) {
    std::string readers;
    for (std::int64_t h : map.readers(kv))
      readers += fmt::format("{}q{}", readers.empty() ? "" : " ", h);
    const Cell line =
        wrapped(fmt::format("  kv head {} {} ", kv, o.glyphs().reads), readers, width);
    cell.insert(cell.end(), line.begin(), line.end());
  }
  return cell;
}

/// A bar of `part / whole` of 24 cells (at least one), so the two orderings compare at a glance.
std::string bar(std::int64_t part, std::int64_t whole, const Glyphs& g) {
  constexpr std::int64_t kFull = 24;
  const std::int64_t n = whole == 0 ? 0 : std::max<std::int64_t>(1, kFull * part / whole);
  std::string out;
  for (std::int64_t i = 0; i < n; ++i) out += g.written;
  return out;
}

}  // namespace

std::string breakdown_text(const Walkthrough& w, const TextOptions& o) {
  std::string out = heading(breakdown_title(w), o.width, o.glyphs(), o.style);
  for (const Fact& f : breakdown_facts(w)) out += field(f.label, f.text, o, tone_of(f.emphasis));
  return out;
}

std::string head_map_text(const Walkthrough& w, const TextOptions& o) {
  std::string out = heading("which kv head each query head reads", o.width, o.glyphs(), o.style);
  out += side_by_side(head_map_cell(w.interleave, "interleave: repeat_kv (fixed)",
                                    "query head h reads kv head h / group", o),
                      head_map_cell(w.tile, "tile: x.repeat(1, 1, n_rep, 1) (tile-repeat)",
                                    "query head h reads kv head h % n_kv_heads", o),
                      o.lane_width(), o.glyphs(), o.style);
  out +=
      "\n" + paragraph(head_map_lesson(w), o, moved_heads(w).empty() ? Tone::kPlain : Tone::kWarn);
  return out + paragraph(head_map_method(), o, Tone::kDim);
}

std::string memory_text(const Walkthrough& w, const TextOptions& o) {
  std::string out = heading("cache memory: kv heads cached vs repeated before caching", o.width,
                            o.glyphs(), o.style);
  for (const MemoryRow& row : w.memory) {
    const check::CacheMemory& m = row.memory;
    out += render(
        wrapped("  ", row.label + " (" + memory_about(w, row) + ")", o.width, Tone::kBold, 2),
        o.style);
    const std::int64_t whole = m.repeated_bytes_at_max_positions;
    out += field("  kv heads cached",
                 fmt::format("{:<11}{}", format_bytes(m.bytes_at_max_positions),
                             bar(m.bytes_at_max_positions, whole, o.glyphs())),
                 o, Tone::kGood, kMemoryLabelWidth);
    out += field("  repeated first",
                 fmt::format("{:<11}{}", format_bytes(whole), bar(whole, whole, o.glyphs())), o,
                 m.group > 1 ? Tone::kBad : Tone::kPlain, kMemoryLabelWidth);
  }
  return out + "\n" + paragraph(memory_lesson(w), o);
}

}  // namespace kvcheck::demo
