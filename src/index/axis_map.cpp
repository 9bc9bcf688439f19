// Mixed-radix axis maps: normal form, split, merge, broadcast, and reading a source back.
#include "kvcheck/index/axis_map.hpp"

namespace kvcheck::index {
namespace {

using sym::Dim;

bool is_one(const Dim& d) { return d == Dim(1); }

}  // namespace

std::string Digit::to_string() const {
  if (is_copy()) return "copy(" + extent.to_string() + ")";
  std::string out = source;
  if (!is_one(lower)) out += "/" + lower.to_string();
  return out + "%" + extent.to_string();
}

Dim AxisMap::extent() const {
  Dim e(1);
  for (const Digit& d : digits) e *= d.extent;
  return e;
}

AxisMap AxisMap::normalized() const {
  AxisMap out;
  for (const Digit& d : digits) {
    if (is_one(d.extent)) continue;
    if (!out.digits.empty()) {
      Digit& major = out.digits.back();
      // Two copy digits in a row are one copy digit; two consecutive pieces of one source
      // are one piece.
      if (major.is_copy() && d.is_copy()) {
        major.extent *= d.extent;
        continue;
      }
      if (!d.is_copy() && major.source == d.source && major.lower == d.lower * d.extent) {
        major.lower = d.lower;
        major.extent *= d.extent;
        continue;
      }
    }
    out.digits.push_back(d);
  }
  return out;
}

std::string AxisMap::to_string() const {
  std::string out;
  for (const Digit& d : digits) out += (out.empty() ? "" : ", ") + d.to_string();
  return "[" + out + "]";
}

AxisMap source_axis(const std::string& source, const Dim& extent) {
  return AxisMap{{Digit{source, Dim(1), extent}}}.normalized();
}

AxisMap copy_axis(const Dim& extent) { return AxisMap{{Digit{"", Dim(1), extent}}}.normalized(); }

Result<std::vector<AxisMap>, IndexUnknown> split_axis(const AxisMap& axis,
                                                      const std::vector<Dim>& sizes) {
  // Walk both from the minor end: each output size takes whole digits, or the minor piece
  // of a digit it divides exactly.
  std::vector<Digit> rest = axis.normalized().digits;
  std::vector<AxisMap> out(sizes.size());
  for (std::size_t k = sizes.size(); k-- > 0;) {
    Dim need = sizes[k];
    std::vector<Digit> taken;
    while (!is_one(need)) {
      if (rest.empty()) {
        return unexpected(IndexUnknown{"view size " + sizes[k].to_string() +
                                       " exceeds what is left of axis " + axis.to_string()});
      }
      Digit& d = rest.back();
      if (d.extent == need) {
        taken.insert(taken.begin(), d);
        rest.pop_back();
        need = Dim(1);
      } else if (auto whole = sym::exact_div(need, d.extent)) {
        taken.insert(taken.begin(), d);
        rest.pop_back();
        need = *whole;
      } else if (auto outer = sym::exact_div(d.extent, need)) {
        taken.insert(taken.begin(), Digit{d.source, d.lower, need});
        d = Digit{d.source, d.is_copy() ? Dim(1) : d.lower * need, *outer};
        need = Dim(1);
      } else {
        return unexpected(IndexUnknown{"view size " + sizes[k].to_string() +
                                       " does not align with digit " + d.to_string() +
                                       " of axis " + axis.to_string()});
      }
    }
    out[k] = AxisMap{taken}.normalized();
  }
  if (!AxisMap{rest}.normalized().digits.empty()) {
    return unexpected(IndexUnknown{"view sizes leave part of axis " + axis.to_string()});
  }
  return out;
}

AxisMap merge_axes(const std::vector<AxisMap>& axes) {
  AxisMap out;
  for (const AxisMap& a : axes) {
    out.digits.insert(out.digits.end(), a.digits.begin(), a.digits.end());
  }
  return out.normalized();
}

AxisMap broadcast_axis(const AxisMap& axis, const Dim& extent) {
  const Dim own = axis.extent();
  if (own == extent) return axis;
  if (auto copies = sym::exact_div(extent, own)) {
    AxisMap out = axis;
    out.digits.insert(out.digits.begin(), Digit{"", Dim(1), *copies});
    return out.normalized();
  }
  return axis;
}

std::string AxisFunction::to_string(const std::string& var) const {
  std::string out;
  for (const Term& t : terms) {
    std::string term = var;
    if (!is_one(t.lower)) term += " / " + t.lower.to_string();
    term += " % " + t.extent.to_string();
    if (!is_one(t.scale)) term = "(" + term + ") * " + t.scale.to_string();
    out += (out.empty() ? "" : " + ") + term;
  }
  return out.empty() ? "0" : out;
}

Result<AxisFunction, IndexUnknown> read_through(const AxisMap& axis, const std::string& source,
                                                const Dim& unit) {
  AxisFunction f;
  Dim below(1);  // product of the extents of the digits minor to the current one
  const AxisMap norm = axis.normalized();
  for (std::size_t k = norm.digits.size(); k-- > 0;) {
    const Digit& d = norm.digits[k];
    if (d.source == source) {
      if (auto scale = sym::exact_div(d.lower, unit)) {
        f.terms.insert(f.terms.begin(), Term{below, d.extent, *scale});
      } else if (!sym::exact_div(unit, d.lower * d.extent)) {
        return unexpected(IndexUnknown{"digit " + d.to_string() + " straddles the unit " +
                                       unit.to_string() + " of " + source});
      }
    }
    below *= d.extent;
  }
  return f;
}

AxisFunction identity_function(const Dim& extent) {
  if (is_one(extent)) return {};
  return AxisFunction{{Term{Dim(1), extent, Dim(1)}}};
}

Result<AxisFunction, IndexUnknown> divide_function(const AxisFunction& f, const Dim& d) {
  if (f.terms.empty()) return f;
  if (f.terms.size() != 1 || !is_one(f.terms.front().scale)) {
    return unexpected(IndexUnknown{"cannot divide " + f.to_string("a") + " by " + d.to_string()});
  }
  const Term& t = f.terms.front();
  auto extent = sym::exact_div(t.extent, d);
  if (!extent) {
    return unexpected(IndexUnknown{t.extent.to_string() + " is not a multiple of " + d.to_string()});
  }
  if (is_one(*extent)) return AxisFunction{};
  return AxisFunction{{Term{t.lower * d, *extent, Dim(1)}}};
}

Result<Condition, IndexUnknown> differ_condition(const AxisFunction& f, const AxisFunction& g) {
  if (f == g) return Condition::never();
  if (f.terms.size() > 1 || g.terms.size() > 1) {
    return unexpected(IndexUnknown{"comparing " + f.to_string("a") + " with " + g.to_string("a") +
                                   " needs more than one digit"});
  }
  const Term zero{Dim(1), Dim(1), Dim(1)};
  const Term& a = f.terms.empty() ? zero : f.terms.front();
  const Term& b = g.terms.empty() ? zero : g.terms.front();
  // Equal functions: both constant (extent 1), or the same digit with the same scale.
  const Condition not_both_constant =
      Condition::unequal(a.extent, Dim(1)) | Condition::unequal(b.extent, Dim(1));
  const Condition not_same_digit = Condition::unequal(a.lower, b.lower) |
                                   Condition::unequal(a.extent, b.extent) |
                                   Condition::unequal(a.scale, b.scale);
  return not_both_constant & not_same_digit;
}

}  // namespace kvcheck::index
