// The format table. Adding a format is one row here plus its writer, a section in
// docs/report-formats.md and golden files; tests/report/format_registry_test.cpp checks all
// four.
#include "kvcheck/report/format_registry.hpp"

#include <array>

#include "kvcheck/report/check_text.hpp"
#include "kvcheck/report/github_writer.hpp"
#include "kvcheck/report/json_writer.hpp"
#include "kvcheck/report/junit_writer.hpp"
#include "kvcheck/report/markdown_writer.hpp"
#include "kvcheck/report/sarif_writer.hpp"

namespace kvcheck::report {
namespace {

/// Adapts a writer that takes no Style to the table's signature.
template <std::string (*Write)(const check::CheckRun&, const WriterContext&)>
std::string uncoloured(const check::CheckRun& run, const WriterContext& ctx, const Style&) {
  return Write(run, ctx);
}

std::string text(const check::CheckRun& run, const WriterContext&, const Style& style) {
  return check_text(run, style);
}

constexpr std::array<Format, 6> kFormats{{
    {"text", "the report for people at a terminal (coloured when stdout is one)", "txt", &text},
    {"json", "every field, in the versioned schema docs/report-schema.json", "json",
     &uncoloured<write_json>},
    {"markdown", "a verdict table and details for a pull-request comment", "md",
     &uncoloured<write_markdown>},
    {"sarif", "SARIF 2.1.0 for code scanning, located at the config's n_kv_heads line", "sarif",
     &uncoloured<write_sarif>},
    {"junit", "JUnit XML: a test suite per config, a test case per property", "junit.xml",
     &uncoloured<write_junit>},
    {"github", "GitHub Actions ::error/::warning annotations on the config's line", "github.txt",
     &uncoloured<write_github>},
}};

}  // namespace

std::span<const Format> format_registry() {
  return kFormats;
}

const Format* find_format(std::string_view name) {
  for (const Format& f : kFormats) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::vector<std::string> format_names() {
  std::vector<std::string> out;
  for (const Format& f : kFormats) out.emplace_back(f.name);
  return out;
}

}  // namespace kvcheck::report
