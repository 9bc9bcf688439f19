// The schema checker: a recursive walk that keeps the JSON pointer of each value so a
// failing test says exactly which field drifted from the schema.
#include "schema_check.hpp"

#include <set>

namespace kvcheck::report::testing {
namespace {

using nlohmann::json;

bool has_type(const json& v, const std::string& type) {
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  if (type == "string") return v.is_string();
  if (type == "boolean") return v.is_boolean();
  if (type == "null") return v.is_null();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  return false;
}

class Checker {
 public:
  explicit Checker(const json& root) : root_(root) {}

  void check(const json& schema, const json& v, const std::string& at) {
    static const std::set<std::string> kAnnotations{"$schema", "title", "description", "$defs",
                                                    "$comment"};
    static const std::set<std::string> kKeywords{
        "type",  "const", "enum", "minimum", "required", "properties", "additionalProperties",
        "items", "oneOf", "$ref"};
    for (const auto& [key, _] : schema.items()) {
      if (!kAnnotations.count(key) && !kKeywords.count(key)) {
        problem(at, "schema keyword '" + key + "' is not supported by this checker");
      }
    }
    if (schema.contains("$ref")) check(resolve(schema["$ref"].get<std::string>(), at), v, at);
    if (schema.contains("type")) check_type(schema["type"], v, at);
    if (schema.contains("const") && v != schema["const"]) {
      problem(at, "expected " + schema["const"].dump() + ", got " + v.dump());
    }
    if (schema.contains("enum")) {
      bool found = false;
      for (const json& option : schema["enum"]) found = found || option == v;
      if (!found) problem(at, v.dump() + " is not one of " + schema["enum"].dump());
    }
    if (schema.contains("minimum") && v.is_number() &&
        v.get<double>() < schema["minimum"].get<double>()) {
      problem(at, v.dump() + " is below the minimum " + schema["minimum"].dump());
    }
    if (schema.contains("oneOf")) check_one_of(schema["oneOf"], v, at);
    if (v.is_object()) check_object(schema, v, at);
    if (v.is_array() && schema.contains("items")) {
      for (std::size_t i = 0; i < v.size(); ++i) {
        check(schema["items"], v[i], at + "/" + std::to_string(i));
      }
    }
  }

  std::vector<std::string> problems;

 private:
  void problem(const std::string& at, const std::string& what) {
    problems.push_back((at.empty() ? "/" : at) + ": " + what);
  }

  const json& resolve(const std::string& ref, const std::string& at) {
    static const json kAnything = json::object();
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0 || !root_["$defs"].contains(ref.substr(prefix.size()))) {
      problem(at, "unresolvable $ref " + ref);
      return kAnything;
    }
    return root_["$defs"][ref.substr(prefix.size())];
  }

  void check_type(const json& type, const json& v, const std::string& at) {
    bool ok = false;
    if (type.is_string()) ok = has_type(v, type.get<std::string>());
    for (const json& t : type.is_array() ? type : json::array()) {
      ok = ok || has_type(v, t.get<std::string>());
    }
    if (!ok) problem(at, std::string(v.type_name()) + " is not of type " + type.dump());
  }

  void check_one_of(const json& options, const json& v, const std::string& at) {
    int matching = 0;
    std::vector<std::string> closest;  // the nearest option's problems, to say what is wrong
    for (const json& option : options) {
      Checker trial(root_);
      trial.check(option, v, at);
      matching += trial.problems.empty() ? 1 : 0;
      if (closest.empty() || trial.problems.size() < closest.size()) closest = trial.problems;
    }
    if (matching == 0) problems.insert(problems.end(), closest.begin(), closest.end());
    if (matching != 1) {
      problem(at, "matches " + std::to_string(matching) + " of the oneOf schemas, not exactly 1");
    }
  }

  void check_object(const json& schema, const json& v, const std::string& at) {
    for (const json& key : schema.value("required", json::array())) {
      if (!v.contains(key.get<std::string>())) {
        problem(at, "missing required key '" + key.get<std::string>() + "'");
      }
    }
    const json properties = schema.value("properties", json::object());
    for (const auto& [key, value] : v.items()) {
      const std::string child = at + "/" + key;
      if (properties.contains(key)) {
        check(properties[key], value, child);
      } else if (schema.contains("additionalProperties")) {
        const json& extra = schema["additionalProperties"];
        if (extra.is_boolean() && !extra.get<bool>()) {
          problem(at, "key '" + key + "' is not in the schema");
        } else if (extra.is_object()) {
          check(extra, value, child);
        }
      }
    }
  }

  const json& root_;
};

void collect_optional(const json& schema, const std::string& at, std::vector<std::string>& out) {
  if (!schema.is_object()) return;
  if (schema.contains("properties")) {
    std::set<std::string> declared;
    for (const auto& [key, _] : schema["properties"].items()) declared.insert(key);
    std::set<std::string> required;
    for (const json& key : schema.value("required", json::array())) {
      required.insert(key.get<std::string>());
    }
    if (declared != required) out.push_back(at);
  }
  for (const auto& [key, child] : schema.items()) {
    if (child.is_object()) collect_optional(child, at + "/" + key, out);
  }
}

}  // namespace

std::vector<std::string> schema_violations(const json& schema, const json& doc) {
  Checker checker(schema);
  checker.check(schema, doc, "");
  return checker.problems;
}

std::vector<std::string> optional_properties(const json& schema) {
  std::vector<std::string> out;
  collect_optional(schema, "", out);
  return out;
}

}  // namespace kvcheck::report::testing
