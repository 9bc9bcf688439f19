// The text of `kvcheck variants --all`: the whole implementation space, classified by proof.
#pragma once

#include <string>
#include <vector>

#include "kvcheck/check/classify.hpp"
#include "kvcheck/report/style.hpp"

namespace kvcheck::report {

/// A summary line, then every correct implementation, then every wrong one with each
/// refuted property's condition and smallest counter-model, and any undecided one with
/// the reason. Catalog variants are named where an implementation is one.
std::string classification_text(const std::vector<check::Classification>& all, const Style& style);

}  // namespace kvcheck::report
