// A checker for the part of JSON Schema (draft 2020-12) that docs/report-schema.json uses,
// so the JSON writer's output is validated against the schema file itself in every build.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace kvcheck::report::testing {

/// Where `doc` breaks `schema`, one "<json pointer>: <problem>" per violation; empty when it
/// conforms. Understands type, const, enum, minimum, required, properties,
/// additionalProperties, items, oneOf and local $ref ("#/$defs/..."); any other keyword in the
/// schema is reported as unsupported rather than silently ignored.
std::vector<std::string> schema_violations(const nlohmann::json& schema, const nlohmann::json& doc);

/// Object schemas in `schema` (with their pointers) whose `properties` and `required` differ:
/// the report schema promises every key is always present.
std::vector<std::string> optional_properties(const nlohmann::json& schema);

}  // namespace kvcheck::report::testing
