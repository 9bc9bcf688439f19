// showValue overloads: the same spellings the reports use.
#include "kvcheck/check/show.hpp"

#include "kvcheck/check/replay.hpp"

namespace kvcheck::model {
void showValue(const AttentionConfig& config, std::ostream& os) {
  os << check::config_spec(config);
}
void showValue(const Variant& variant, std::ostream& os) { os << variant.name; }
}  // namespace kvcheck::model

namespace kvcheck::props {
void showValue(const Step& step, std::ostream& os) {
  os << step.label << " (pos " << step.pos << ", " << step.len << " tokens)";
}
}  // namespace kvcheck::props
