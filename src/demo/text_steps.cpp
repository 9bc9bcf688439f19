// The terminal demo's header and steps: each op of both lanes side by side with its shapes,
// then the cache buffers after the step.
#include <fmt/format.h>

#include "kvcheck/demo/lesson.hpp"
#include "kvcheck/demo/text_render.hpp"

namespace kvcheck::demo {
namespace {

using report::Tone;

/// Symbols, then numbers on the same line when both fit, else the numbers on a line of
/// their own, so no shape is cut in the middle.
Cell shapes_cell(const std::string& symbolic, const std::string& concrete, const std::string& lead,
                 const TextOptions& o) {
  const std::size_t width = o.lane_width();
  const std::string numbers = concrete.empty() ? "" : o.glyphs().arrow + " " + concrete;
  const std::string both = symbolic + (symbolic.empty() || numbers.empty() ? "" : " ") + numbers;
  if (both.empty()) return {};
  if (display_width(lead + both) <= width) return {{lead + both}};
  Cell cell = wrapped(lead, symbolic, width);
  const Cell more = wrapped(lead, numbers, width);
  cell.insert(cell.end(), more.begin(), more.end());
  return cell;
}

/// An op's shapes, then why it fails here or for some configuration.
Cell shape_cell(const OpRow& row, const TextOptions& o) {
  const std::string lead = "    ";
  Cell cell = shapes_cell(row.symbolic, row.concrete, lead, o);
  const auto add = [&](const Cell& more) { cell.insert(cell.end(), more.begin(), more.end()); };
  if (!row.concrete_failure.empty()) {
    add(wrapped(lead + o.glyphs().fails + " ", row.concrete_failure, o.lane_width(), Tone::kBad));
  }
  if (!row.symbolic_failure.empty()) {
    const Tone tone = row.concrete_failure.empty() ? Tone::kWarn : Tone::kBad;
    add(wrapped(lead, "in symbols: fails whenever " + row.symbolic_failure, o.lane_width(), tone));
  }
  return cell;
}

Cell op_cell(const OpRow& row, bool differs, const TextOptions& o) {
  const Glyphs& g = o.glyphs();
  const bool fails = !row.concrete_failure.empty();
  const std::string mark = fails ? g.fails : differs ? g.differs : " ";
  // An op with no shape at all never ran: the run raised before it.
  const bool ran = !row.symbolic.empty() || !row.concrete.empty() || fails;
  const Tone tone = fails ? Tone::kBad : differs ? Tone::kWarn : ran ? Tone::kPlain : Tone::kDim;
  // Continuation lines of code sit deeper than the shapes, so the two never look alike.
  Cell cell = wrapped(mark + " ", row.pseudo, o.lane_width(), tone, 4);
  const Cell shapes = shape_cell(row, o);
  cell.insert(cell.end(), shapes.begin(), shapes.end());
  return cell;
}

/// The cache buffer as a grid: one row per head of the buffer, one column per position.
Cell cache_cell(const LaneStep& step, const TextOptions& o) {
  const Glyphs& g = o.glyphs();
  const CacheFill& c = step.cache;
  Cell cell{{"  " + c.name, Tone::kBold}};
  const Cell shapes = shapes_cell(c.symbolic, c.concrete, "    ", o);
  cell.insert(cell.end(), shapes.begin(), shapes.end());
  const std::string head_label = c.kv_sized ? "kv head " : "head ";
  const std::size_t label_width =
      std::max<std::size_t>(10, head_label.size() + std::to_string(c.heads - 1).size() + 2);
  const std::size_t cell_width =
      std::to_string(std::max<std::int64_t>(c.positions - 1, 0)).size() + 1;
  std::string header = "  position";
  header += std::string(label_width - 8, ' ');
  for (std::int64_t p = 0; p < c.positions; ++p) {
    header += fmt::format("{:<{}}", p, cell_width);
  }
  cell.push_back({header, Tone::kDim});
  for (std::int64_t h = 0; h < c.heads; ++h) {
    std::string line = fmt::format("  {:<{}}", head_label + std::to_string(h), label_width);
    for (std::int64_t p = 0; p < c.positions; ++p) {
      const bool written = c.written_by[static_cast<std::size_t>(p)] >= 0;
      line += (written ? g.written : g.empty) + std::string(cell_width - 1, ' ');
    }
    cell.push_back({line});
  }
  Cell note;
  if (step.failed_op) {
    note = wrapped("  " + g.fails + " ",
                   "the run stops here: " + step.ops[*step.failed_op].torch_op + " raised",
                   o.lane_width(), Tone::kBad);
  } else if (step.len > 0 && step.reached) {
    note = wrapped("  ", "wrote " + positions_text(step.pos, step.len) + " in every row",
                   o.lane_width(), Tone::kDim);
  }
  cell.insert(cell.end(), note.begin(), note.end());
  return cell;
}

Cell not_reached(const Lane& lane, const TextOptions& o) {
  const auto stop = lane.failure();
  const std::string where = stop ? lane.steps[stop->first].label : "an earlier step";
  return wrapped("  ", "not reached: the run stopped in " + where, o.lane_width(), Tone::kDim);
}

}  // namespace

std::size_t TextOptions::lane_width() const {
  return width > 3 ? (width - 3) / 2 : 1;
}

std::string header_text(const Walkthrough& w, const TextOptions& o) {
  const Glyphs& g = o.glyphs();
  const std::size_t lead = 13;
  const auto field = [&](const std::string& label, const std::string& text,
                         Tone tone = Tone::kPlain) {
    return render(wrapped(fmt::format("  {:<{}}", label, lead - 2), text, o.width, tone, 0),
                  o.style);
  };
  std::string out =
      o.style.paint("kvcheck demo: grouped-query attention with a KV cache", Tone::kBold) + "\n\n";
  out += field("config", config_line(w.setup.config));
  for (const std::string& note : w.setup.notes) out += field("note", note, Tone::kDim);
  out += field("left", w.fixed.variant->name + ": " + w.fixed.variant->summary);
  out += field("right", w.wrong.variant->name + ": " + w.wrong.variant->summary);
  out += field("reading",
               "each op is its line of code, then the shape it produces in symbols (for every "
               "configuration) " +
                   g.arrow + " in numbers (for this config). " + g.differs +
                   " marks a line that differs from fixed, " + g.fails +
                   " the op that fails. In symbols the cache holds max_seq_len positions and a "
                   "decode step writes at position pos.");
  out += field("cache", g.written + " written  " + g.empty +
                            " empty: one row per head of the buffer, one column per position "
                            "(cache_v fills like cache_k)");
  return out;
}

std::string step_text(const Walkthrough& w, std::size_t index, const TextOptions& o) {
  const LaneStep& left = w.fixed.steps[index];
  const LaneStep& right = w.wrong.steps[index];
  const std::size_t width = o.lane_width();
  std::string out = heading(step_title(left), o.width, o.glyphs(), o.style);
  out += side_by_side({{"  " + w.fixed.variant->name, Tone::kBold}},
                      {{"  " + w.wrong.variant->name, Tone::kBold}}, width, o.glyphs(), o.style);
  bool first = true;
  for (const AlignedRow& row : w.rows[index]) {
    const Cell l = row.left ? op_cell(left.ops[*row.left], row.differs, o) : Cell{};
    Cell r;
    if (!right.reached) {
      if (first) r = not_reached(w.wrong, o);
    } else if (row.right) {
      r = op_cell(right.ops[*row.right], row.differs, o);
    }
    first = false;
    out += side_by_side(l, r, width, o.glyphs(), o.style);
  }
  out += "\n";
  out += side_by_side(cache_cell(left, o), right.reached ? cache_cell(right, o) : Cell{}, width,
                      o.glyphs(), o.style);
  return out;
}

std::vector<std::string> demo_pages(const Walkthrough& w, const TextOptions& o) {
  std::vector<std::string> pages{header_text(w, o)};
  for (std::size_t i = 0; i < w.fixed.steps.size(); ++i) pages.push_back(step_text(w, i, o));
  pages.push_back(breakdown_text(w, o));
  pages.push_back(head_map_text(w, o));
  pages.push_back(memory_text(w, o));
  // A blank line opens every page after the first, so the pages concatenate to the output.
  for (std::size_t i = 1; i < pages.size(); ++i) pages[i].insert(0, "\n");
  return pages;
}

}  // namespace kvcheck::demo
