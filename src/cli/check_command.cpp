// kvcheck check: real attention configs through every property, reported in the format a
// CI system reads, with the exit code it acts on.
#include <fmt/core.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/check/config_check.hpp"
#include "kvcheck/cli/commands.hpp"
#include "kvcheck/io/load_config.hpp"
#include "kvcheck/report/atomic_write.hpp"
#include "kvcheck/report/format_registry.hpp"

namespace kvcheck::cli {
namespace {

struct CheckFlags {
  std::vector<std::string> paths;
  std::string variant;
  std::string format = "text";
  std::string output;
  std::uint64_t seed = 1;
  int cases = 25;
  bool strict = false;
  bool exit_zero = false;
  std::int64_t batch = 1;
  std::int64_t context = 0;  ///< 0: the file's
  std::string kv_dtype;
};

CheckFlags check_flags;

/// The command as the user would retype it (no absolute paths are added).
std::string command_line() {
  std::string line = "kvcheck check";
  if (!check_flags.variant.empty()) line += " --variant " + check_flags.variant;
  if (check_flags.format != "text") line += " --format " + check_flags.format;
  line += " --seed " + std::to_string(check_flags.seed);
  line += " --cases " + std::to_string(check_flags.cases);
  if (check_flags.strict) line += " --strict";
  if (check_flags.batch != 1) line += " --batch " + std::to_string(check_flags.batch);
  if (check_flags.context > 0) line += " --context " + std::to_string(check_flags.context);
  if (!check_flags.kv_dtype.empty()) line += " --kv-dtype " + check_flags.kv_dtype;
  for (const std::string& p : check_flags.paths) line += " " + p;
  return line;
}

CLI::Option* output_option = nullptr;

/// "checked 1200 of 10000 configs" on the terminal's last line, for runs longer than a
/// second, redrawn at most ten times a second and erased before the report is printed.
/// Only on a terminal: CI logs get the report and nothing else.
class ProgressLine {
 public:
  ProgressLine() = default;
  ProgressLine(const ProgressLine&) = delete;
  ProgressLine& operator=(const ProgressLine&) = delete;
  /// Also when a run ends in an error: the message must not share the progress line.
  ~ProgressLine() { clear(); }

  void show(std::size_t done, std::size_t total) {
    const auto now = std::chrono::steady_clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(100)) {
      return;
    }
    last_ = now;
    shown_ = true;
    fmt::print(stderr, "\rkvcheck: checked {} of {} configs", done, total);
    std::fflush(stderr);
  }
  void clear() {
    if (shown_) fmt::print(stderr, "\r\033[K");
    shown_ = false;
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
  bool shown_ = false;
};

int run_check() {
  // A report that would replace an input, or cannot be written, is refused before the run.
  if (output_option->count() > 0) {
    report::check_output_target(check_flags.output, io::collect_config_files(check_flags.paths));
  }
  check::CheckOptions options;
  options.paths = check_flags.paths;
  options.variant = check_flags.variant;
  options.params.seed = check_flags.seed;
  options.params.max_success = check_flags.cases;
  // Run sizes around each model's real head counts: small, since every case multiplies
  // through all of the model's heads.
  options.params.bounds.batch = 2;
  options.params.bounds.prompt_len = 4;
  options.params.bounds.decode_steps = 3;
  options.params.bounds.cache_spare = 1;
  options.params.bounds.hidden = 4;
  options.memory.batch = check_flags.batch;
  if (check_flags.context > 0) options.memory.context = check_flags.context;
  if (!check_flags.kv_dtype.empty()) {
    options.memory.kv_dtype = check::parse_kv_dtype(check_flags.kv_dtype);
    if (!options.memory.kv_dtype) {
      throw InputError("", 0, "--kv-dtype",
                       "unknown dtype '" + check_flags.kv_dtype +
                           "'; expected one of: " + check::kv_dtype_names());
    }
  }
  ProgressLine progress;
  if (::isatty(STDERR_FILENO) == 1) {
    options.progress = [&progress](std::size_t done, std::size_t total) {
      progress.show(done, total);
    };
  }
  const check::CheckRun run = check::run_check(options);
  progress.clear();

  const report::Format& format = *report::find_format(check_flags.format);
  const report::WriterContext ctx{report::kvcheck_version(), command_line()};
  const bool to_file = output_option->count() > 0;
  const report::Style style = to_file ? report::Style{false} : report::detect_style(STDOUT_FILENO);
  const std::string text = format.write(run, ctx, style);
  if (to_file) {
    report::write_file_atomically(check_flags.output, text);
  } else {
    fmt::print("{}", text);
  }
  return check_flags.exit_zero ? 0 : run.exit_code(check_flags.strict);
}

}  // namespace

void register_check(CLI::App& app) {
  auto* check = app.add_subcommand(
      "check",
      "Check attention configs (Hugging Face config.json, Meta params.json, lingua, "
      "OLMo, llm-foundry, nanotron, litgpt and GPT-NeoX YAML, kvcheck's own; files or "
      "folders) with every property, and price their KV cache");
  check->add_option("FILE", check_flags.paths, "Config files or folders")->required();
  check->add_option("--variant", check_flags.variant,
                    "Implementation under test for every file (default: the file's, else fixed)");
  check->add_option("--format", check_flags.format, "Report format")
      ->check(CLI::IsMember(report::format_names()));
  output_option = check->add_option("--output", check_flags.output,
                                    "Write the report to this file (atomically)");
  check->add_option("--seed", check_flags.seed, "Seed of the search and of the numbers");
  check->add_option("--cases", check_flags.cases, "Passing cases needed per property and config")
      ->check(CLI::Range(1, 100000));
  check->add_flag("--strict", check_flags.strict, "Exit 1 on latent findings too");
  check->add_option("--batch", check_flags.batch, "Sequences in the memory figures (default 1)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 31));
  check
      ->add_option("--context", check_flags.context,
                   "Tokens per sequence in the memory figures (default: the file's context "
                   "length)")
      ->check(CLI::Range(std::int64_t{1}, std::int64_t{1} << 31));
  check->add_option("--kv-dtype", check_flags.kv_dtype,
                    "Price the cache in this element type (fp8, int8, int4, bfloat16, ...; "
                    "default: the model's dtype)");
  check->add_flag("--exit-zero", check_flags.exit_zero,
                  "Exit 0 even when properties fail (report-only runs)");
  set_action(check, run_check);
}

}  // namespace kvcheck::cli
