// Resolving --variant names against the catalog.
#pragma once

#include <string>

#include "kvcheck/model/variant.hpp"

namespace kvcheck::cli {

/// The catalog variant `name`; InputError (field --variant) listing the known names otherwise.
const model::Variant& variant_named(const std::string& name);

}  // namespace kvcheck::cli
