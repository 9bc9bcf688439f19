// ShapeError messages: one format for every rule, so reports read alike.
#include "kvcheck/shape/shape_error.hpp"

namespace kvcheck::shape {

ShapeError make_shape_error(std::string op, std::vector<std::string> operands, std::string what,
                            std::string lhs, std::string rhs, const Obligation& failed) {
  ShapeError e;
  e.message = op + ": " + what + " (" + lhs + " vs " + rhs + ")";
  if (failed.truth == sym::Truth::kUnknown) {
    e.message += "; cannot be decided for every configuration (would fail when " +
                 failed.condition + ")";
    e.unknown = true;
  } else if (failed.smallest) {
    e.message += failed.condition == "always"
                     ? "; fails for every configuration"
                     : "; fails whenever " + failed.condition;
    if (!failed.smallest->empty()) e.message += ", smallest: " + failed.smallest->to_string();
  }
  e.op = std::move(op);
  e.operands = std::move(operands);
  e.lhs = std::move(lhs);
  e.rhs = std::move(rhs);
  e.condition = failed.condition;
  e.smallest = failed.smallest;
  return e;
}

}  // namespace kvcheck::shape
