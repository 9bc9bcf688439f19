// The user's own lines in the demo: `kvcheck demo --source FILE` runs the implementation
// kvcheck scan recognised in the file, and its lane reads the file's lines where the model
// has the op they stand for.
#pragma once

#include <map>
#include <string>

#include "kvcheck/demo/walkthrough.hpp"

namespace kvcheck::demo {

/// In every step of the compared lane, the first op of each model op name in `lines`
/// ("zeros", "index_copy_", "repeat_interleave", "matmul", ...) shows the user's line
/// instead of the model's; the lanes are then aligned again.
void show_source_lines(Walkthrough& w, const std::map<std::string, std::string>& lines);

}  // namespace kvcheck::demo
