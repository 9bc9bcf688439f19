// Resolving --variant names against the catalog, with the known names in the error.
#include "kvcheck/cli/variant_option.hpp"

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::cli {

const model::Variant& variant_named(const std::string& name) {
  const model::Variant* v = model::find_variant(name);
  if (!v) {
    std::string known;
    for (const auto& n : model::variant_names()) known += (known.empty() ? "" : ", ") + n;
    throw InputError("", 0, "--variant", "unknown variant '" + name + "'; known: " + known);
  }
  return *v;
}

}  // namespace kvcheck::cli
