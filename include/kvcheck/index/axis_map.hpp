// Index semantics of tensor axes: where each element comes from, as a mixed-radix normal
// form over source iterators (the iter-map idea: split, fuse, floordiv and mod by extents).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/index/condition.hpp"
#include "kvcheck/sym/dim.hpp"

namespace kvcheck::index {

/// One digit of an axis' mixed-radix index: the piece (src / lower) % extent of the source
/// iterator `source`, or, when `source` is empty, a copy digit (broadcast, expand, repeat)
/// that selects nothing in any source.
struct Digit {
  std::string source;  ///< e.g. "wk.out" (the output features of wk), "batch", "seq"
  sym::Dim lower = 1;
  sym::Dim extent = 1;

  bool is_copy() const { return source.empty(); }
  friend bool operator==(const Digit&, const Digit&) = default;
  /// "wk.out/head_dim%n_kv_heads", "copy(group)".
  std::string to_string() const;
};

/// One axis: its digits, major to minor. The axis index a has digit values
/// v_k = (a / prod(extent of the digits after k)) % extent_k.
///
/// Normal form (`normalized`): no digit of constant extent 1 (it is always 0), and adjacent
/// digits of one source fused when they are consecutive pieces (major.lower ==
/// minor.lower * minor.extent), so two axes with the same semantics compare equal.
struct AxisMap {
  std::vector<Digit> digits;

  /// The product of the digit extents (1 for no digits).
  sym::Dim extent() const;
  AxisMap normalized() const;
  friend bool operator==(const AxisMap&, const AxisMap&) = default;
  /// "[wk.out/head_dim%n_kv_heads, copy(group)]".
  std::string to_string() const;
};

/// A fresh axis reading source iterator `source` of `extent` elements in order.
AxisMap source_axis(const std::string& source, const sym::Dim& extent);
/// An axis of `extent` copies (what expand or a broadcast makes).
AxisMap copy_axis(const sym::Dim& extent);

/// Why an index rule cannot model an op exactly; becomes UNKNOWN, never a wrong answer.
struct IndexUnknown {
  std::string reason;
};

/// The axes `sizes` (major to minor) that `axis` splits into, as view/reshape does; Unknown
/// when a size does not align with the axis' digits for every configuration.
Result<std::vector<AxisMap>, IndexUnknown> split_axis(const AxisMap& axis,
                                                      const std::vector<sym::Dim>& sizes);
/// One axis made of `axes` (major first), as view/reshape/flatten merging them does.
AxisMap merge_axes(const std::vector<AxisMap>& axes);
/// `axis` stretched to `extent`, as broadcasting does where the shape rule holds: equal
/// extents keep it; otherwise, when `extent` is a multiple of it, the extra index is a
/// copy digit in front (valid both where the extents are equal and where the axis has one
/// element); otherwise unchanged (valid only where the extents are equal).
AxisMap broadcast_axis(const AxisMap& axis, const sym::Dim& extent);

/// A source index read through an axis: sum of ((a / lower) % extent) * scale over terms.
struct Term {
  sym::Dim lower = 1;
  sym::Dim extent = 1;
  sym::Dim scale = 1;
  friend bool operator==(const Term&, const Term&) = default;
};
struct AxisFunction {
  std::vector<Term> terms;
  friend bool operator==(const AxisFunction&, const AxisFunction&) = default;
  /// "a / group % n_kv_heads", "a % n_kv_heads", "0".
  std::string to_string(const std::string& var) const;
};

/// floor(src / unit) as a function of the index of `axis`, where `src` is the index of
/// `source`: the digits of `source` at or above `unit` (unit = head_dim picks the head out
/// of a projection's features). Unknown when a digit straddles `unit`.
Result<AxisFunction, IndexUnknown> read_through(const AxisMap& axis, const std::string& source,
                                                const sym::Dim& unit);
/// The identity over an axis of `extent` elements.
AxisFunction identity_function(const sym::Dim& extent);
/// f / d when f is the identity-like single term and d divides its extent exactly.
Result<AxisFunction, IndexUnknown> divide_function(const AxisFunction& f, const sym::Dim& d);

/// The configurations where f and g differ somewhere on the axis; exact for single terms:
/// two digits (a / l) % e are the same function exactly when both are constant (e = 1) or
/// (l, e, scale) coincide. Unknown for sums of several terms that are not identical.
Result<Condition, IndexUnknown> differ_condition(const AxisFunction& f, const AxisFunction& g);

}  // namespace kvcheck::index
