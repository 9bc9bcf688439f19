// The demo as one self-contained HTML page: inline CSS and SVG only (no scripts, fonts or
// network), the same walkthrough as the terminal, plus the verdict table of kvcheck verify.
#pragma once

#include <string>

#include "kvcheck/check/verify_run.hpp"
#include "kvcheck/demo/walkthrough.hpp"

namespace kvcheck::demo {

/// run_verify on the walkthrough's two variants, every property, seed 1 and a modest
/// number of cases, so the page is quick to make and the same every time.
check::VerifyRun demo_verdicts(const Walkthrough& w, int cases = 30);

/// The page. Every string that came from the user (config name, path, variant text) is
/// escaped; the page carries a Content-Security-Policy that forbids scripts and fetches.
std::string demo_html(const Walkthrough& w, const check::VerifyRun& verdicts);

/// Writes `html` to `path` atomically (report::write_file_atomically); failures raise
/// kvcheck::InputError naming --html.
void write_demo_html(const std::string& path, const std::string& html);

}  // namespace kvcheck::demo
