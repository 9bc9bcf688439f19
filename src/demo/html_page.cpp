// demo_html: the walkthrough as one page. Sections follow the terminal demo: who reads
// which kv head, the cache filling step by step, where the wrong ordering breaks, the two
// orderings op by op, memory, and the verdicts.
#include "kvcheck/demo/html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "html_parts.hpp"
#include "kvcheck/base/input_error.hpp"
#include "kvcheck/demo/lesson.hpp"
#include "kvcheck/report/atomic_write.hpp"

namespace kvcheck::demo {
namespace {

using html::esc;

/// Scripts, fetches, frames and fonts are all refused: the page is text, CSS and SVG.
constexpr const char* kPolicy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'";

std::string hero(const Walkthrough& w) {
  const model::AttentionConfig& c = w.setup.config;
  std::string out = "<header class=\"hero\"><div class=\"eyebrow\">kvcheck demo</div>";
  out += "<h1>Grouped-query attention with a KV cache</h1>";
  out += fmt::format(
      "<p class=\"lead\">In the config <b>{}</b>, each of the <b>{} query heads</b> reads one "
      "of <b>{} kv heads</b>: a group of {} query heads shares one kv head. The correct code "
      "caches the {} kv heads and repeats them only after reading the cache back. This page runs "
      "it (<b>{}</b>) next to <b>{}</b> ({}) through the same interpreters kvcheck proves "
      "with.</p>",
      esc(c.name), c.n_heads, c.n_kv_heads, c.group(), c.n_kv_heads, esc(w.fixed.variant->name),
      esc(w.wrong.variant->name), esc(w.wrong.variant->summary));
  out += "<div class=\"chips\">";
  const std::pair<const char*, std::int64_t> sizes[] = {
      {"n_heads", c.n_heads},        {"n_kv_heads", c.n_kv_heads},
      {"group", c.group()},          {"head_dim", c.head_dim},
      {"hidden", c.hidden},          {"batch", c.batch},
      {"prompt_len", c.prompt_len},  {"decode_steps", c.decode_steps},
      {"max_seq_len", c.max_seq_len}};
  out += "<span class=\"chip\">model <b>" + esc(c.name) + "</b></span>";
  for (const auto& [name, value] : sizes) {
    out += fmt::format("<span class=\"chip\">{} <b>{}</b></span>", name, value);
  }
  out += "</div>";
  for (const std::string& note : w.setup.notes) out += "<p class=\"caption\">" + esc(note) + "</p>";
  out += "<div class=\"legend\">";
  const std::int64_t shown = std::min<std::int64_t>(c.n_kv_heads, 8);
  for (std::int64_t kv = 0; kv < shown; ++kv) {
    out += fmt::format("<span><span class=\"swatch {}\"></span>kv head {} and its queries</span>",
                       html::colour_class(kv), kv);
  }
  if (c.n_kv_heads > shown) out += "<span>(colours repeat)</span>";
  out +=
      "<span><span class=\"swatch c0 new\"></span>written this step</span>"
      "<span><span class=\"swatch c0 old\"></span>written earlier</span>"
      "<span><span class=\"swatch empty\"></span>empty slot</span>"
      "<span><span class=\"mark differs\">&#x2260;</span>line differs from fixed</span>"
      "<span><span class=\"mark fails\">&#x2717;</span>op that fails</span></div>";
  out +=
      "<nav><a href=\"#heads\">1. Head groups</a><a href=\"#cache\">2. Cache</a>"
      "<a href=\"#breaks\">3. Where it breaks</a><a href=\"#ops\">4. Op by op</a>"
      "<a href=\"#memory\">5. Memory</a><a href=\"#verdicts\">6. Verdicts</a></nav>";
  return out + "</header>";
}

std::string heads_section(const Walkthrough& w) {
  const std::vector<std::int64_t> moved = moved_heads(w);
  const std::string tile_tag =
      moved.empty()
          ? "<span class=\"tag good\">same as interleave here</span>"
          : fmt::format(
                "<span class=\"tag bad\">{} of {} query heads read the wrong kv head</span>",
                moved.size(), w.tile.kv_of.size());
  std::string out =
      "<section id=\"heads\"><h2>1. Which kv head each query head reads</h2>"
      "<p class=\"caption\">Top row: query heads. Bottom row: the kv heads the cache holds. "
      "Each arrow goes from a query head to the kv head whose keys and values it attends to; "
      "colour follows the kv head.</p><div class=\"pair\">";
  out +=
      "<figure><div class=\"panel-title\">interleave: <code>repeat_kv</code> / "
      "<code>repeat_interleave</code><span class=\"tag good\">correct (fixed)</span></div>" +
      html::heads_svg(w.interleave, "") +
      "<figcaption>query head h reads kv head h / group</figcaption></figure>";
  out += "<figure><div class=\"panel-title\">tile: <code>x.repeat(1, 1, n_rep, 1)</code>" +
         tile_tag + "</div>" + html::heads_svg(w.tile, "tile-", &w.interleave) +
         "<figcaption>query head h reads kv head h % n_kv_heads; dashed red outline: a query "
         "head that reads the wrong kv head</figcaption></figure></div>";
  return out + "<p>" + esc(head_map_lesson(w)) + "</p><p class=\"caption\">" +
         esc(head_map_method()) + "</p></section>";
}

std::string film_caption(const LaneStep& step) {
  if (!step.reached) return "<figcaption>not reached</figcaption>";
  if (step.failed_op) {
    return "<figcaption class=\"failed-note\">&#x2717; " + esc(step.ops[*step.failed_op].torch_op) +
           " raised: nothing written</figcaption>";
  }
  if (step.len == 0) return "<figcaption>allocated " + esc(step.cache.concrete) + "</figcaption>";
  return "<figcaption>wrote " + esc(positions_text(step.pos, step.len)) + "</figcaption>";
}

std::string cache_section(const Walkthrough& w) {
  const std::size_t steps = w.fixed.steps.size();
  std::string out = fmt::format(
      "<section id=\"cache\"><h2>2. The cache buffer, step by step</h2><p class=\"caption\">"
      "<code>cache_k</code> after each step (<code>cache_v</code> fills the same way). One row "
      "per head the buffer was allocated with (kvN: a kv head; hN: a query head's slot), one "
      "column per token position; a cell's colour is the kv head whose keys it holds.</p>"
      "<div class=\"film\" style=\"grid-template-columns:170px repeat({}, "
      "max-content)\"><div></div>",
      steps);
  for (const LaneStep& step : w.fixed.steps) {
    out += "<div class=\"step-head\">" + esc(step.label) + "</div>";
  }
  for (const Lane* lane : {&w.fixed, &w.wrong}) {
    out += fmt::format(
        "<div class=\"lane-head\">{}<small>{}</small><small><code>{}</code></small></div>",
        esc(lane->variant->name), esc(lane->variant->summary),
        esc(lane->steps.front().cache.symbolic));
    for (std::size_t i = 0; i < steps; ++i) {
      out += "<figure>" + html::cache_svg(*lane, i, w.setup.config.group()) +
             film_caption(lane->steps[i]) + "</figure>";
    }
  }
  return out + "</div></section>";
}

std::string ops_section(const Walkthrough& w) {
  std::string out =
      "<section id=\"ops\"><h2>4. The two orderings, op by op</h2><p class=\"caption\">Each op "
      "is one line of the attention code. Under it, the shape it produces in symbols (for every "
      "configuration) &#x2192; in numbers (for this config). Equal lines sit side by side; "
      "amber rows differ between the two; the red cell is the op that raises.</p>";
  const auto stop = w.wrong.failure();
  for (std::size_t i = 0; i < w.fixed.steps.size(); ++i) {
    const LaneStep& step = w.fixed.steps[i];
    // Setup and prefill are open; decode steps fold away unless the wrong run breaks there.
    const bool open = i < 2 || (stop && stop->first == i);
    out += fmt::format("<details{}><summary>{}</summary>{}</details>", open ? " open" : "",
                       esc(step_title(step)), html::ops_table(w, i));
  }
  return out + "</section>";
}

}  // namespace

check::VerifyRun demo_verdicts(const Walkthrough& w, int cases) {
  check::VerifyOptions options;
  options.variants = {w.fixed.variant->name};
  if (w.wrong.variant != w.fixed.variant) options.variants.push_back(w.wrong.variant->name);
  options.params.seed = 1;
  options.params.max_success = cases;
  return check::run_verify(options);
}

std::string demo_html(const Walkthrough& w, const check::VerifyRun& verdicts) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">";
  out += fmt::format("<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">", kPolicy);
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">";
  out += fmt::format("<title>kvcheck demo: {} vs {} ({})</title>", esc(w.fixed.variant->name),
                     esc(w.wrong.variant->name), esc(w.setup.config.name));
  out += "<style>" + html::stylesheet() + "</style></head><body><main>\n";
  out += hero(w) + "\n" + heads_section(w) + "\n" + cache_section(w) + "\n";
  std::string title = breakdown_title(w);
  title.front() = static_cast<char>(std::toupper(static_cast<unsigned char>(title.front())));
  out += "<section id=\"breaks\"><h2>3. " + esc(title) + "</h2>" + html::breakdown_box(w) +
         "</section>\n";
  out += ops_section(w) + "\n";
  out +=
      "<section id=\"memory\"><h2>5. Cache memory: kv heads cached vs repeated before "
      "caching</h2>" +
      html::memory_figure(w) + "</section>\n";
  out += "<section id=\"verdicts\"><h2>6. What <code>kvcheck verify</code> says</h2>" +
         html::verdict_table(verdicts) + "</section>\n";
  out +=
      "<footer>Made by <code>kvcheck demo --html</code>. The same walkthrough in a terminal: "
      "<code>kvcheck demo --variant " +
      esc(w.wrong.variant->name) + "</code></footer>";
  return out + "</main></body></html>\n";
}

void write_demo_html(const std::string& path, const std::string& html) {
  report::write_file_atomically(path, html, "--html");
}

}  // namespace kvcheck::demo
