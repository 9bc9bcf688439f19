// Reports of `kvcheck scan`: one writer per format over the same ScanResult, and the labelled
// fields of a finding that every writer shares, so the formats agree word for word.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "kvcheck/report/finding_text.hpp"
#include "kvcheck/report/style.hpp"
#include "kvcheck/report/writer_context.hpp"
#include "kvcheck/scan/finding.hpp"

namespace kvcheck::report {

/// The version of the scan JSON schema (docs/scan-report.md).
inline constexpr int kScanSchemaVersion = 1;

/// "meta.py:68:9".
std::string scan_location(const scan::CodeLocation& at);
/// "shape-safety: <message>", one line.
std::string scan_headline(const scan::Finding& f);
/// code, operands, condition, smallest, memory factor, related places, fix, site.
std::vector<FindingField> scan_fields(const scan::Finding& f);
/// The headline, then "label: value" lines.
std::string scan_message(const scan::Finding& f);
/// What the symbols in scan messages mean, one line.
std::string scan_symbols_legend();
/// The exit code of a scan: 1 with findings, else 0.
int scan_exit_code(const scan::ScanResult& r);

using ScanWriter = std::string (*)(const scan::ScanResult& r, const WriterContext& ctx,
                                   const Style& style, bool explain);

struct ScanFormat {
  std::string_view name;
  std::string_view description;
  std::string_view extension;
  ScanWriter write;
};

/// text, json, markdown, sarif, junit, github (the formats of `kvcheck check`).
std::span<const ScanFormat> scan_format_registry();
const ScanFormat* find_scan_format(std::string_view name);
std::vector<std::string> scan_format_names();

std::string write_scan_text(const scan::ScanResult& r, const WriterContext& ctx, const Style& style,
                            bool explain);
std::string write_scan_json(const scan::ScanResult& r, const WriterContext& ctx, const Style& style,
                            bool explain);
std::string write_scan_sarif(const scan::ScanResult& r, const WriterContext& ctx,
                             const Style& style, bool explain);
std::string write_scan_junit(const scan::ScanResult& r, const WriterContext& ctx,
                             const Style& style, bool explain);
std::string write_scan_markdown(const scan::ScanResult& r, const WriterContext& ctx,
                                const Style& style, bool explain);
std::string write_scan_github(const scan::ScanResult& r, const WriterContext& ctx,
                              const Style& style, bool explain);

}  // namespace kvcheck::report
