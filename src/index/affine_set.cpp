// AffineSet over isl's C++ bindings. One isl context for the process: sets are small and
// short-lived, and isl contexts are not shared across threads here.
#include "kvcheck/index/affine_set.hpp"

#include <isl/constraint.h>
#include <isl/cpp.h>
#include <isl/point.h>

#include <cstdlib>
#include <stdexcept>

namespace kvcheck::index {
namespace {

isl::ctx& context() {
  // Never freed: sets may outlive any scope we could free it in, and the process ends anyway.
  static isl::ctx* ctx = new isl::ctx(isl_ctx_alloc());
  return *ctx;
}

std::string join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : sep) + p;
  return out;
}

/// One constraint of a basic set in words: "2*pos + 1 >= prompt_len" style, with the
/// positive terms on the left.
std::string constraint_text(isl_constraint* c, const std::vector<std::string>& names) {
  std::vector<std::string> left;
  std::vector<std::string> right;
  const int n = static_cast<int>(names.size());
  auto add = [](std::vector<std::string>& side, long v, const std::string& name) {
    side.push_back(v == 1 ? name : std::to_string(v) + "*" + name);
  };
  for (int k = 0; k < n; ++k) {
    const long v = isl::manage(isl_constraint_get_coefficient_val(c, isl_dim_set, k)).get_num_si();
    if (v > 0) add(left, v, names[static_cast<std::size_t>(k)]);
    if (v < 0) add(right, -v, names[static_cast<std::size_t>(k)]);
  }
  const long constant = isl::manage(isl_constraint_get_constant_val(c)).get_num_si();
  const bool eq = isl_constraint_is_equality(c) == isl_bool_true;
  if (left.empty() && !right.empty()) {
    std::swap(left, right);
    // -x + c >= 0  ->  c >= x, printed as x <= c
    const std::string l = join(left, " + ");
    return l + (eq ? " = " : " <= ") + std::to_string(constant) +
           (right.empty() ? "" : " + " + join(right, " + "));
  }
  std::string rhs = join(right, " + ");
  if (constant != 0 || rhs.empty()) {
    const long moved = -constant;
    rhs = rhs.empty() ? std::to_string(moved)
                      : rhs + (moved >= 0 ? " + " + std::to_string(moved)
                                          : " - " + std::to_string(-moved));
  }
  return join(left, " + ") + (eq ? " = " : " >= ") + rhs;
}

}  // namespace

struct AffineSet::Impl {
  isl::set set;
};

AffineSet::AffineSet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AffineSet::~AffineSet() = default;
AffineSet::AffineSet(const AffineSet& other) : impl_(std::make_unique<Impl>(*other.impl_)) {}
AffineSet& AffineSet::operator=(const AffineSet& other) {
  impl_ = std::make_unique<Impl>(*other.impl_);
  return *this;
}

AffineSet AffineSet::parse(const std::string& text) {
  try {
    return AffineSet(std::make_unique<Impl>(Impl{isl::set(context(), text)}));
  } catch (const isl::exception& e) {
    throw std::logic_error("isl cannot parse '" + text + "': " + e.what());
  }
}

AffineSet AffineSet::unite(const AffineSet& other) const {
  return AffineSet(std::make_unique<Impl>(Impl{impl_->set.unite(other.impl_->set).coalesce()}));
}

AffineSet AffineSet::intersect(const AffineSet& other) const {
  return AffineSet(std::make_unique<Impl>(Impl{impl_->set.intersect(other.impl_->set)}));
}

AffineSet AffineSet::subtract(const AffineSet& other) const {
  return AffineSet(std::make_unique<Impl>(Impl{impl_->set.subtract(other.impl_->set).coalesce()}));
}

AffineSet AffineSet::project_prefix(std::size_t keep) const {
  const unsigned dims = impl_->set.tuple_dim();
  if (keep >= dims) return *this;
  isl_set* projected = isl_set_project_out(impl_->set.copy(), isl_dim_set,
                                           static_cast<unsigned>(keep),
                                           dims - static_cast<unsigned>(keep));
  return AffineSet(std::make_unique<Impl>(Impl{isl::manage(projected).coalesce()}));
}

AffineSet AffineSet::project_out(std::size_t first, std::size_t n) const {
  isl_set* projected = isl_set_project_out(impl_->set.copy(), isl_dim_set,
                                           static_cast<unsigned>(first), static_cast<unsigned>(n));
  return AffineSet(std::make_unique<Impl>(Impl{isl::manage(projected).coalesce()}));
}

bool AffineSet::is_empty() const { return impl_->set.is_empty(); }

std::optional<std::vector<std::int64_t>> AffineSet::lexmin() const {
  if (impl_->set.is_empty()) return std::nullopt;
  const isl::set least = impl_->set.lexmin();
  if (least.is_empty()) return std::nullopt;
  const isl::point p = least.sample_point();
  if (p.is_null()) return std::nullopt;
  std::vector<std::int64_t> out;
  const int dims = static_cast<int>(least.tuple_dim());
  for (int k = 0; k < dims; ++k) {
    out.push_back(isl::manage(isl_point_get_coordinate_val(p.get(), isl_dim_set, k)).get_num_si());
  }
  return out;
}

std::string AffineSet::describe(const AffineSet& context_set, const std::vector<std::string>& names,
                                const std::map<std::string, std::string>& phrases) const {
  const isl::set simple = impl_->set.gist(context_set.impl_->set).coalesce();
  if (simple.is_empty()) return "never";
  std::vector<std::string> pieces;
  simple.foreach_basic_set([&](isl::basic_set b) {
    struct Collect {
      const std::vector<std::string>* names;
      const std::map<std::string, std::string>* phrases;
      std::vector<std::string> parts;
    } collect{&names, &phrases, {}};
    isl_basic_set* reduced = isl_basic_set_remove_redundancies(b.release());
    isl_basic_set_foreach_constraint(
        reduced,
        [](isl_constraint* c, void* user) -> isl_stat {
          auto* into = static_cast<Collect*>(user);
          std::string text = constraint_text(c, *into->names);
          if (auto it = into->phrases->find(text); it != into->phrases->end()) text = it->second;
          into->parts.push_back(text);
          isl_constraint_free(c);
          return isl_stat_ok;
        },
        &collect);
    isl_basic_set_free(reduced);
    pieces.push_back(collect.parts.empty() ? "always" : join(collect.parts, " and "));
  });
  return join(pieces, " or ");
}

std::string AffineSet::to_string() const {
  char* text = isl_set_to_str(impl_->set.get());
  std::string out = text ? text : "";
  free(text);
  return out;
}

}  // namespace kvcheck::index
