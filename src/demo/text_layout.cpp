// Text layout: UTF-8 aware widths, wrapping and columns for the terminal demo.
#include "kvcheck/demo/text_layout.hpp"

namespace kvcheck::demo {
namespace {

/// Bytes of the first `columns` code points of `s`.
std::size_t bytes_of_columns(std::string_view s, std::size_t columns) {
  std::size_t i = 0;
  std::size_t seen = 0;
  while (i < s.size()) {
    const bool starts_code_point = (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
    if (starts_code_point && seen++ == columns) break;
    ++i;
  }
  return i;
}

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

}  // namespace

const Glyphs& unicode_glyphs() {
  static const Glyphs g{"■", "·", "│", "━", "→", "←", "≠", "✗", "✓"};
  return g;
}

const Glyphs& ascii_glyphs() {
  static const Glyphs g{"#", ".", "|", "=", ">", "<", "~", "x", "+"};
  return g;
}

std::size_t display_width(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80 ? 1 : 0;
  return n;
}

std::vector<std::string> wrap(std::string_view text, std::size_t width, std::size_t indent) {
  std::vector<std::string> lines;
  std::string line;
  std::size_t pos = 0;
  const std::string margin(indent, ' ');
  const auto flush = [&] {
    lines.push_back(line);
    line = margin;
  };
  while (pos < text.size()) {
    const std::size_t end = std::min(text.find(' ', pos), text.size());
    std::string_view word = text.substr(pos, end - pos);
    pos = end + 1;
    const bool fresh = line.empty() || line == margin;
    const std::size_t need = display_width(word) + (fresh ? 0 : 1);
    if (!fresh && display_width(line) + need > width) flush();
    // A word wider than a whole line is cut where the line ends.
    while (display_width(line) + display_width(word) > width && width > display_width(line)) {
      const std::size_t cut = bytes_of_columns(word, width - display_width(line));
      line += word.substr(0, cut);
      word.remove_prefix(cut);
      flush();
    }
    if (!(line.empty() || line == margin)) line += ' ';
    line += word;
  }
  if (!(line.empty() || line == margin) || lines.empty()) lines.push_back(line);
  return lines;
}

Cell wrapped(std::string_view lead, std::string_view text, std::size_t width, report::Tone tone,
             std::size_t indent) {
  const std::size_t lead_width = display_width(lead);
  const std::size_t room = width > lead_width + indent ? width - lead_width : indent + 1;
  const std::string margin(lead_width, ' ');
  Cell cell;
  for (std::string& l : wrap(text, room, indent)) {
    cell.push_back({(cell.empty() ? std::string(lead) : margin) + l, tone});
  }
  return cell;
}

std::string side_by_side(const Cell& left, const Cell& right, std::size_t width,
                         const Glyphs& glyphs, const report::Style& style) {
  std::string out;
  const std::size_t rows = std::max(left.size(), right.size());
  for (std::size_t i = 0; i < rows; ++i) {
    const Line blank;
    const Line& l = i < left.size() ? left[i] : blank;
    const Line& r = i < right.size() ? right[i] : blank;
    std::string row = style.paint(pad(l.text, width), l.tone) + " " + glyphs.column + " " +
                      style.paint(r.text, r.tone);
    while (!row.empty() && row.back() == ' ') row.pop_back();
    out += row + "\n";
  }
  return out;
}

std::string render(const Cell& cell, const report::Style& style) {
  std::string out;
  for (const Line& l : cell) out += style.paint(l.text, l.tone) + "\n";
  return out;
}

std::string heading(const std::string& title, std::size_t width, const Glyphs& glyphs,
                    const report::Style& style) {
  const std::string lead = glyphs.rule + glyphs.rule + " ";
  // A title longer than the line wraps under itself; the rule fills the last line.
  Cell lines = wrapped(lead, title, width > 2 ? width - 2 : width, report::Tone::kBold, 0);
  std::string& last = lines.back().text;
  last += " ";
  for (std::size_t w = display_width(last); w < width; ++w) last += glyphs.rule;
  return render(lines, style);
}

}  // namespace kvcheck::demo
