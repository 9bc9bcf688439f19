// The bridge from a traced site to the model: its choices as an Implementation the prover,
// the numeric search and replay run, and the replay command of each finding.
#pragma once

#include <string>

#include "kvcheck/scan/finding.hpp"

namespace kvcheck::scan {

/// `kvcheck replay --impl "<the site's choices>" --property <the rule's property> --config
/// "<the smallest failing heads>"`, or "" when the site's choices are not all known or the
/// rule has no counterpart among the properties.
std::string replay_for(const Finding& f, const SiteChoices& choices);

}  // namespace kvcheck::scan
