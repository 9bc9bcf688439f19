// Condition: unions of nonzero clauses, their words and their smallest configuration.
#include "kvcheck/index/condition.hpp"

#include <algorithm>

#include "kvcheck/sym/decide.hpp"

namespace kvcheck::index {
namespace {

/// The clause with the coefficients' content divided out and a positive leading term: a
/// nonzero multiple has the same zero set, so this only makes equal clauses look equal.
sym::Dim primitive(const sym::Dim& p) {
  const std::int64_t content = sym::coefficient_content(p);
  sym::Dim out = content > 1 ? *sym::exact_div(p, sym::Dim(content)) : p;
  if (!out.terms().empty() && out.terms().begin()->second < 0) out = -out;
  return out;
}

/// Sum of every symbol's value (unassigned at its lower bound), saturating.
std::int64_t full_total(const sym::Assignment& a) {
  std::int64_t total = 0;
  for (const sym::Symbol s : sym::all_symbols()) {
    const std::int64_t v = a.get_or_lower_bound(s);
    total = v > INT64_MAX - total ? INT64_MAX : total + v;
  }
  return total;
}

}  // namespace

bool smaller_counter_model(const sym::Assignment& a, const sym::Assignment& b) {
  const std::int64_t ta = full_total(a);
  const std::int64_t tb = full_total(b);
  if (ta != tb) return ta < tb;
  for (const sym::Symbol s : sym::all_symbols()) {
    const std::int64_t va = a.get_or_lower_bound(s);
    const std::int64_t vb = b.get_or_lower_bound(s);
    if (va != vb) return va < vb;
  }
  return false;
}

Condition Condition::always() { return nonzero(sym::Dim(1)); }

Condition Condition::nonzero(const sym::Dim& p) {
  Condition c;
  c.add(p);
  return c;
}

bool Condition::is_always() const {
  return clauses_.size() == 1 && clauses_.front().constant_value().has_value();
}

void Condition::add(const sym::Dim& clause) {
  if (clause.is_zero() || is_always()) return;
  const sym::Dim p = primitive(clause);
  if (p.constant_value()) {
    clauses_ = {sym::Dim(1)};
    return;
  }
  // p's configurations lie inside q's when q divides p (p != 0 implies q != 0).
  for (const sym::Dim& q : clauses_) {
    if (sym::exact_div(p, q)) return;
  }
  std::erase_if(clauses_, [&](const sym::Dim& q) { return sym::exact_div(q, p).has_value(); });
  clauses_.push_back(p);
}

Condition operator|(const Condition& a, const Condition& b) {
  Condition out = a;
  for (const sym::Dim& p : b.clauses_) out.add(p);
  return out;
}

Condition operator&(const Condition& a, const Condition& b) {
  Condition out;
  for (const sym::Dim& p : a.clauses_) {
    for (const sym::Dim& q : b.clauses_) out.add(p * q);
  }
  return out;
}

std::string Condition::text() const {
  if (is_never()) return "never";
  if (is_always()) return "always";
  std::string out;
  for (const sym::Dim& p : clauses_) {
    out += (out.empty() ? "" : " or ") + sym::nonzero_condition(p);
  }
  return out;
}

std::optional<sym::Assignment> Condition::smallest() const {
  std::optional<sym::Assignment> best;
  for (const sym::Dim& p : clauses_) {
    auto point = sym::smallest_counter_model(p, sym::Dim(0));
    if (point && (!best || smaller_counter_model(*point, *best))) best = point;
  }
  return best;
}

Condition Condition::substitute(sym::Symbol s, const sym::Dim& by) const {
  Condition out;
  for (const sym::Dim& p : clauses_) out.add(p.substitute(s, by));
  return out;
}

}  // namespace kvcheck::index
