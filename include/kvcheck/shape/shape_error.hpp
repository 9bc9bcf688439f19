// ShapeError: a violated shape rule, as a value. Finding these is the tool's job, so they
// are never exceptions.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/shape/dim_ops.hpp"
#include "kvcheck/shape/lazy.hpp"
#include "kvcheck/shape/shape.hpp"
#include "kvcheck/sym/assignment.hpp"

namespace kvcheck::shape {

/// What went wrong in one op, with enough to act on.
struct ShapeError {
  std::string op;                     ///< PyTorch name, e.g. "index_copy_"
  std::vector<std::string> operands;  ///< e.g. "source [batch, 1, n_kv_heads, head_dim]"
  std::string lhs;                    ///< one side of the violated equality, e.g. "n_kv_heads"
  std::string rhs;                    ///< the other side, e.g. "n_heads"
  std::string condition;              ///< when it fails: "always" or "group >= 2"
  std::optional<sym::Assignment> smallest;  ///< symbolic: the smallest failing configuration
  std::string message;                      ///< the whole one-line message
  /// True when the symbolic decision was Unknown rather than Refuted (never claimed wrong).
  bool unknown = false;
};

template <class D>
using ShapeResult = Result<Shape<D>, ShapeError>;

/// Builds the one-line message "<op>: <what> (<lhs> vs <rhs>); fails whenever <condition>,
/// smallest: <assignment>" and the error around it. `what` is e.g.
/// "source [..] does not fit self [..] at dim 2".
ShapeError make_shape_error(std::string op, std::vector<std::string> operands, std::string what,
                            std::string lhs, std::string rhs, const Obligation& failed);

/// The usual way a rule checks `a == b`: nullopt when it holds for every configuration,
/// else the error (Refuted or Unknown) describing `what`.
template <class D>
std::optional<ShapeError> check_equal(const std::string& op, const LazyOperands& operands,
                                      const LazyText& what, const D& a, const D& b) {
  Obligation ob = DimOps<D>::require_equal(a, b);
  if (ob.holds()) return std::nullopt;
  return make_shape_error(op, operands.get(), what.get(), DimOps<D>::str(a), DimOps<D>::str(b), ob);
}

}  // namespace kvcheck::shape
