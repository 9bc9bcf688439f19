// kvcheck demo: the teaching walkthrough of GQA with a KV cache, fixed against one wrong
// ordering, in the terminal (optionally step by step) or as a self-contained HTML page.
#include <fmt/core.h>
#include <unistd.h>

#include <cstdio>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/cli/variant_option.hpp"
#include "kvcheck/demo/html_page.hpp"
#include "kvcheck/demo/terminal.hpp"
#include "kvcheck/demo/text_render.hpp"

namespace kvcheck::cli {
namespace {

struct DemoFlags {
  demo::DemoOptions options;
  std::string variant = "cache-sized-by-n_heads";
  std::string html;
  std::optional<std::size_t> width;
  bool step = false;
  bool ascii = false;
};

DemoFlags demo_flags;

int run_demo() {
  const model::Variant& wrong = variant_named(demo_flags.variant);
  if (demo_flags.width && (*demo_flags.width < 40 || *demo_flags.width > 400)) {
    throw InputError(
        "", 0, "--width",
        "must be between 40 and 400 columns, got " + std::to_string(*demo_flags.width));
  }
  const demo::Walkthrough w =
      demo::build_walkthrough(demo::resolve_demo(demo_flags.options, wrong));
  if (!demo_flags.html.empty()) {
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
  demo->add_option("--config", o.config_path,
                   "Model config file: its head counts, head_dim and name (run sizes stay small)");
  demo->add_flag("--step", demo_flags.step, "Wait for Enter between steps (on a terminal)");
  demo->add_option("--html", demo_flags.html, "Write the walkthrough as one HTML page to FILE");
  demo->add_option("--width", demo_flags.width, "Columns to lay out for (default: the terminal's)");
  demo->add_flag("--ascii", demo_flags.ascii, "ASCII characters instead of UTF-8 box drawing");
  set_action(demo, run_demo);
}

}  // namespace kvcheck::cli
