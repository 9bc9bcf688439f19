// show_source_lines: the compared lane in the user's words.
#include "kvcheck/demo/source_lines.hpp"

#include <set>

namespace kvcheck::demo {

void show_source_lines(Walkthrough& w, const std::map<std::string, std::string>& lines) {
  for (LaneStep& step : w.wrong.steps) {
    std::set<std::string> shown;
    for (OpRow& row : step.ops) {
      auto it = lines.find(row.torch_op);
      if (it == lines.end() || !shown.insert(row.torch_op).second) continue;
      row.pseudo = it->second;
    }
  }
  w.rows.clear();
  for (std::size_t i = 0; i < w.fixed.steps.size() && i < w.wrong.steps.size(); ++i) {
    std::vector<std::string> left, right;
    for (const OpRow& row : w.fixed.steps[i].ops) left.push_back(row.pseudo);
    for (const OpRow& row : w.wrong.steps[i].ops) right.push_back(row.pseudo);
    w.rows.push_back(align_lines(left, right));
  }
}

}  // namespace kvcheck::demo
