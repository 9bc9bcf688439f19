// kvcheck scan: the user's PyTorch attention code, read and interpreted; findings with file,
// line and column, in the format a CI system reads, with the exit code it acts on.
#include <fmt/core.h>
#include <unistd.h>

#include "kvcheck/cli/commands.hpp"
#include "kvcheck/report/atomic_write.hpp"
#include "kvcheck/report/scan_report.hpp"
#include "kvcheck/scan/python_files.hpp"
#include "kvcheck/scan/scan.hpp"

namespace kvcheck::cli {
namespace {

struct ScanFlags {
  std::vector<std::string> paths;
  std::vector<std::string> excludes;
  std::string format = "text";
  std::string output;
  bool explain = false;
  bool exit_zero = false;
};

ScanFlags scan_flags;

std::string command_line() {
  std::string line = "kvcheck scan";
  if (scan_flags.format != "text") line += " --format " + scan_flags.format;
  for (const std::string& e : scan_flags.excludes) line += " --exclude '" + e + "'";
  for (const std::string& p : scan_flags.paths) line += " " + p;
  return line;
}

CLI::Option* output_option = nullptr;

int run_scan() {
  if (output_option->count() > 0) {
    report::check_output_target(scan_flags.output,
                                scan::collect_python_files(scan_flags.paths, scan_flags.excludes));
  }
  scan::ScanOptions options;
  options.paths = scan_flags.paths;
  options.excludes = scan_flags.excludes;
  const scan::ScanResult result = scan::scan(options);
  const report::ScanFormat& format = *report::find_scan_format(scan_flags.format);
  const report::WriterContext ctx{report::kvcheck_version(), command_line()};
  const bool to_file = output_option->count() > 0;
  const report::Style style = to_file ? report::Style{false} : report::detect_style(STDOUT_FILENO);
  const std::string text = format.write(result, ctx, style, scan_flags.explain);
  if (to_file) {
    report::write_file_atomically(scan_flags.output, text);
  } else {
    fmt::print("{}", text);
  }
  return scan_flags.exit_zero ? 0 : report::scan_exit_code(result);
}

}  // namespace

void register_scan(CLI::App& app) {
  auto* scan = app.add_subcommand(
      "scan", "Scan PyTorch attention code (.py files and folders) for the GQA / KV-cache bug "
              "family: cache head counts, repeat order, tiling, missing repeats, causal masks "
              "and RoPE offsets");
  scan->add_option("PATH", scan_flags.paths, "Python files or folders (recursively, .py only)")->required();
  scan->add_option("--exclude", scan_flags.excludes, "Skip files matching this glob (repeatable)");
  scan->add_option("--format", scan_flags.format, "Report format")
      ->check(CLI::IsMember(report::scan_format_names()));
  output_option =
      scan->add_option("--output", scan_flags.output, "Write the report to this file (atomically)");
  scan->add_flag("--explain", scan_flags.explain,
                 "Also print, per site, the traced ops with their shapes and every place the "
                 "analysis gave up (text format)");
  scan->add_flag("--exit-zero", scan_flags.exit_zero, "Exit 0 even with findings (report-only runs)");
  set_action(scan, run_scan);
}

}  // namespace kvcheck::cli
