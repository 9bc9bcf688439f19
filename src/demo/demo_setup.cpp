// resolve_demo: flags and an optional model config file become the demo's small run and
// the real model whose cache memory is shown.
#include "kvcheck/demo/demo_setup.hpp"

#include <algorithm>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/load_config.hpp"
#include "kvcheck/report/escape.hpp"

namespace kvcheck::demo {
namespace {

/// The default walkthrough: small enough to read every cell, large enough to have groups.
model::AttentionConfig default_run() {
  model::AttentionConfig c;
  c.name = "demo";
  c.batch = 1;
  c.n_heads = 4;
  c.n_kv_heads = 2;
  c.head_dim = 4;
  c.hidden = 8;
  c.prompt_len = 3;
  c.decode_steps = 2;
  c.n_layers = 1;
  c.dtype = model::Dtype::kFloat32;
  return c;
}

/// A flag's value, checked against [lo, hi]; the file's (or default) value when unset.
std::int64_t flag_value(const std::optional<std::int64_t>& flag, std::int64_t fallback,
                        const char* name, std::int64_t lo, std::int64_t hi) {
  if (!flag) return fallback;
  if (*flag < lo || *flag > hi) {
    const std::string range = lo == 0 ? "zero or positive" : "positive";
    throw InputError("", 0, name,
                     "must be " + range + " and at most " + std::to_string(hi) +
                         " for the demo, got " + std::to_string(*flag));
  }
  return *flag;
}

/// A file's value past a demo limit cannot be shrunk without changing the model.
void require_at_most(const io::LoadedConfig& file, const char* field, std::int64_t value,
                     std::int64_t limit) {
  if (value <= limit) return;
  const auto line = file.key_lines.find(field);
  throw InputError(file.path, line == file.key_lines.end() ? 0 : line->second, field,
                   std::to_string(value) + " is more than the demo can draw (at most " +
                       std::to_string(limit) + ")");
}

/// Run sizes from a file are made small (the walkthrough draws every position); the note
/// says so, since a silently changed number would mislead.
std::int64_t shrink_run_size(std::int64_t value, std::int64_t limit, const char* field,
                             std::vector<std::string>& notes) {
  if (value <= limit) return value;
  notes.push_back(std::string(field) + " " + std::to_string(value) + " from the file is shown as " +
                  std::to_string(limit));
  return limit;
}

}  // namespace

model::AttentionConfig llama_3_8b() {
  model::AttentionConfig c;
  c.name = "Llama-3-8B";
  c.batch = 1;
  c.n_heads = 32;
  c.n_kv_heads = 8;
  c.head_dim = 128;
  c.hidden = 4096;
  c.prompt_len = 1;
  c.decode_steps = 0;
  c.max_seq_len = 8192;
  c.n_layers = 32;
  c.dtype = model::Dtype::kBFloat16;
  return c;
}

DemoSetup resolve_demo(const DemoOptions& options, const model::Variant& wrong) {
  DemoSetup setup;
  setup.fixed = model::find_variant("fixed");
  setup.wrong = &wrong;
  model::AttentionConfig run = default_run();
  setup.real_model = llama_3_8b();
  setup.real_model_source = "Llama-3-8B's published config";

  if (!options.config_path.empty()) {
    const io::LoadedConfig file = io::load_config(options.config_path);
    require_at_most(file, "n_heads", file.config.n_heads, kMaxDemoHeads);
    require_at_most(file, "head_dim", file.config.head_dim, kMaxDemoHeadDim);
    // The name is quoted in every line and page the demo makes: escaped once, here, so an
    // ESC sequence in a config cannot drive the terminal.
    run.name = report::terminal_safe(file.config.name);
    run.n_heads = file.config.n_heads;
    run.n_kv_heads = file.config.n_kv_heads;
    run.head_dim = file.config.head_dim;
    run.hidden = file.config.hidden;
    run.dtype = file.config.dtype;
    // Only sizes the file sets replace the demo's defaults: a model card has no prompt.
    if (file.key_lines.count("prompt_len")) {
      run.prompt_len =
          shrink_run_size(file.config.prompt_len, kMaxDemoPrompt, "prompt_len", setup.notes);
    }
    if (file.key_lines.count("decode_steps")) {
      run.decode_steps =
          shrink_run_size(file.config.decode_steps, kMaxDemoDecode, "decode_steps", setup.notes);
    }
    if (file.config.batch != 1 && file.key_lines.count("batch")) {
      setup.notes.push_back("batch " + std::to_string(file.config.batch) +
                            " from the file is shown as 1");
    }
    setup.real_model = file.config;
    setup.real_model.name = run.name;
    setup.real_model.batch = 1;
    if (!file.context) {
      // A figure at a made-up length would mislead: price one token instead.
      setup.real_model.max_seq_len = 1;
      setup.notes.push_back(report::terminal_safe(options.config_path) +
                            " gives no context length: its cache is priced per token");
    }
    setup.real_model_source = "from " + report::terminal_safe(options.config_path);
  }

  run.n_heads = flag_value(options.n_heads, run.n_heads, "--n-heads", 1, kMaxDemoHeads);
  run.n_kv_heads = flag_value(options.n_kv_heads, run.n_kv_heads, "--n-kv-heads", 1, kMaxDemoHeads);
  run.head_dim = flag_value(options.head_dim, run.head_dim, "--head-dim", 1, kMaxDemoHeadDim);
  run.prompt_len =
      flag_value(options.prompt_len, run.prompt_len, "--prompt-len", 1, kMaxDemoPrompt);
  run.decode_steps =
      flag_value(options.decode_steps, run.decode_steps, "--decode-steps", 0, kMaxDemoDecode);
  if (run.n_heads % run.n_kv_heads != 0) {
    throw InputError("", 0, options.n_heads ? "--n-heads" : "--n-kv-heads",
                     "n_heads " + std::to_string(run.n_heads) +
                         " is not a multiple of n_kv_heads " + std::to_string(run.n_kv_heads) +
                         ": each kv head must serve the same number of query heads");
  }
  // The cache is exactly as long as the run, so a full grid means a finished run.
  run.max_seq_len = run.prompt_len + run.decode_steps;
  if (auto problem = run.validate()) throw InputError("", 0, "", *problem);
  setup.config = run;
  return setup;
}

}  // namespace kvcheck::demo
