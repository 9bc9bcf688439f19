// kvcheck demo: the teaching walkthrough of GQA with a KV cache, fixed against one wrong
// ordering, in the terminal (optionally step by step) or as a self-contained HTML page.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/cli/variant_option.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/demo/html_page.hpp"
#include "kvcheck/demo/source_lines.hpp"
#include "kvcheck/demo/terminal.hpp"
#include "kvcheck/demo/text_render.hpp"
#include "kvcheck/report/atomic_write.hpp"
#include "kvcheck/scan/scan.hpp"

namespace kvcheck::cli {
namespace {

struct DemoFlags {
  demo::DemoOptions options;
  std::string variant = "cache-sized-by-n_heads";
  std::string source;
  std::string html;
  std::optional<std::size_t> width;
  bool step = false;
  bool ascii = false;
};

DemoFlags demo_flags;

/// The implementation kvcheck scan recognises in `path`, as a variant whose pseudo-code is
/// the file's own lines: the first site with a finding, else the first site recognised.
bool pick_has_finding(const scan::SiteTrace& s, const scan::ScanResult& r) {
  for (const scan::Finding& f : r.findings) {
    if (f.site == s.name) return true;
  }
  return false;
}

struct SourceVariant {
  model::Variant variant;
  std::map<std::string, std::string> lines;
};

SourceVariant source_variant(const std::string& path) {
  const scan::ScanResult r = scan::scan(scan::ScanOptions{{path}, {}});
  const scan::SiteTrace* pick = nullptr;
  for (const scan::SiteTrace& s : r.sites) {
    if (s.choices.implementation().empty()) continue;
    bool has_finding = false;
    for (const scan::Finding& f : r.findings) has_finding = has_finding || f.site == s.name;
    if (!pick || (has_finding && !pick_has_finding(*pick, r))) pick = &s;
  }
  if (!pick) {
    const std::string why = r.notes.empty() ? "no attention site with a KV cache write was recognised (kvcheck scan --explain shows why)"
                                            : r.notes.front().to_string();
    throw InputError(path, 0, "--source", why);
  }
  SourceVariant out;
  out.variant.name = "your code";
  out.variant.summary = pick->name + " (" + pick->where.to_string() + ")";
  out.variant.explanation = "kvcheck scan recognises " + pick->name + " as: " + pick->choices.implementation();
  out.variant.impl = check::parse_impl_spec(pick->choices.implementation());
  for (const auto& [op, line] : pick->choices.lines) out.variant.pseudo += (out.variant.pseudo.empty() ? "" : "\n") + line;
  out.lines = pick->choices.lines;
  return out;
}

CLI::Option* html_option = nullptr;

int run_demo() {
  if (html_option->count() > 0) {
    std::vector<std::string> inputs;
    if (!demo_flags.options.config_path.empty()) inputs.push_back(demo_flags.options.config_path);
    if (!demo_flags.source.empty()) inputs.push_back(demo_flags.source);
    report::check_output_target(demo_flags.html, inputs, "--html");
  }
  static SourceVariant from_source;
  if (!demo_flags.source.empty()) from_source = source_variant(demo_flags.source);
  const model::Variant& wrong =
      demo_flags.source.empty() ? variant_named(demo_flags.variant) : from_source.variant;
  if (demo_flags.width && (*demo_flags.width < 40 || *demo_flags.width > 400)) {
    throw InputError(
        "", 0, "--width",
        "must be between 40 and 400 columns, got " + std::to_string(*demo_flags.width));
  }
  demo::Walkthrough w = demo::build_walkthrough(demo::resolve_demo(demo_flags.options, wrong));
  if (!demo_flags.source.empty()) demo::show_source_lines(w, from_source.lines);
  if (html_option->count() > 0) {
    demo::write_demo_html(demo_flags.html, demo::demo_html(w, demo::demo_verdicts(w)));
    fmt::print("wrote {}\n", demo_flags.html);
    return 0;
  }
  demo::TextOptions text;
  text.width = demo::output_width(demo_flags.width);
  text.ascii = demo_flags.ascii;
  text.style = report::detect_style(STDOUT_FILENO);
  const std::vector<std::string> pages = demo::demo_pages(w, text);
  for (std::size_t i = 0; i < pages.size(); ++i) {
    if (i > 0 && demo_flags.step) {
      std::fflush(stdout);
      demo::wait_for_enter("-- press Enter for the next step --");
    }
    fmt::print("{}", pages[i]);
  }
  return 0;
}

}  // namespace

void register_demo(CLI::App& app) {
  auto* demo = app.add_subcommand(
      "demo", "Walk through GQA with a KV cache: fixed against a wrong ordering, op by op");
  auto& o = demo_flags.options;
  demo->add_option("--n-heads", o.n_heads, "Query heads (default 4)");
  demo->add_option("--n-kv-heads", o.n_kv_heads, "Key/value heads (default 2)");
  demo->add_option("--head-dim", o.head_dim, "Size of one head (default 4)");
  demo->add_option("--prompt-len", o.prompt_len, "Prompt tokens (default 3)");
  demo->add_option("--decode-steps", o.decode_steps, "Generated tokens (default 2)");
  demo->add_option("--variant", demo_flags.variant,
                   "Catalog variant compared with fixed (default cache-sized-by-n_heads)");
  demo->add_option("--source", demo_flags.source,
                   "A Python file: compare fixed with the implementation kvcheck scan recognises in "
                   "it, in the file's own lines")
      ->excludes("--variant");
  demo->add_option("--config", o.config_path,
                   "Model config file: its head counts, head_dim and name (run sizes stay small)");
  demo->add_flag("--step", demo_flags.step, "Wait for Enter between steps (on a terminal)");
  html_option =
      demo->add_option("--html", demo_flags.html, "Write the walkthrough as one HTML page to FILE");
  demo->add_option("--width", demo_flags.width, "Columns to lay out for (default: the terminal's)");
  demo->add_flag("--ascii", demo_flags.ascii, "ASCII characters instead of UTF-8 box drawing");
  set_action(demo, run_demo);
}

}  // namespace kvcheck::cli
