// YAML config files: yaml-cpp parses and gives every node a mark (0-based line); plain
// scalars are typed here by YAML 1.2's core schema, since yaml-cpp leaves them untyped.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <map>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/document.hpp"
#include "parse_support.hpp"

namespace kvcheck::io {
namespace {

int line_of(const YAML::Mark& mark, int fallback) {
  return mark.line >= 0 ? mark.line + 1 : fallback;
}

bool is_core_bool(const std::string& s) {
  static const char* const kSpellings[] = {"true", "True", "TRUE", "false", "False", "FALSE"};
  return std::any_of(std::begin(kSpellings), std::end(kSpellings),
                     [&](const char* b) { return s == b; });
}

/// Skips an optional sign and a run of digits from `i`; returns how many digits it passed.
std::size_t digits(const std::string& s, std::size_t& i) {
  const std::size_t from = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  return i - from;
}

void sign(const std::string& s, std::size_t& i) {
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
}

/// YAML 1.2 core schema integer: [-+]?[0-9]+ (a scanner, not <regex>: GCC 12's <regex>
/// trips -Wmaybe-uninitialized under the sanitizer build).
bool is_core_integer(const std::string& s) {
  std::size_t i = 0;
  sign(s, i);
  return digits(s, i) > 0 && i == s.size();
}

/// YAML 1.2 core schema float: [-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?, or
/// [-+]?.inf and .nan in their three spellings.
bool is_core_float(const std::string& s) {
  std::size_t i = 0;
  sign(s, i);
  for (const char* special : {".inf", ".Inf", ".INF"}) {
    if (s.compare(i, std::string::npos, special) == 0) return true;
  }
  for (const char* special : {".nan", ".NaN", ".NAN"}) {
    if (s == special) return true;
  }
  const std::size_t whole = digits(s, i);
  std::size_t fraction = 0;
  if (i < s.size() && s[i] == '.') {
    ++i;
    fraction = digits(s, i);
    if (whole == 0 && fraction == 0) return false;
  } else if (whole == 0) {
    return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    sign(s, i);
    if (digits(s, i) == 0) return false;
  }
  return i == s.size();
}

/// Types a plain (unquoted) scalar as YAML 1.2's core schema does; quoted scalars are always
/// strings, so `n_heads: "8"` is a string where an integer is needed, as the user wrote it.
void type_scalar(const YAML::Node& yaml, Node& node) {
  const std::string& s = yaml.Scalar();
  node.text = s;
  // yaml-cpp tags plain scalars "?", quoted ones "!", explicitly tagged ones with the tag.
  const bool plain = yaml.Tag() == "?";
  if (!plain) {
    node.kind = Node::Kind::kString;
  } else if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    node.kind = Node::Kind::kNull;
  } else if (is_core_bool(s)) {
    node.kind = Node::Kind::kBool;
    node.text = (s[0] == 't' || s[0] == 'T') ? "true" : "false";
  } else if (is_core_integer(s)) {
    node.kind = Node::Kind::kInteger;
    if (s[0] == '+') node.text = s.substr(1);
  } else if (is_core_float(s)) {
    node.kind = Node::Kind::kNumber;
  } else {
    node.kind = Node::Kind::kString;
  }
}

Node to_node(const std::string& path, const YAML::Node& yaml, const std::string& dotted_path,
             int line, std::size_t depth);

void add_members(const std::string& path, const YAML::Node& yaml, const std::string& dotted_path,
                 Node& node, std::size_t depth) {
  std::map<std::string, int> seen;
  for (const auto& member : yaml) {
    const int key_line = line_of(member.first.Mark(), node.line);
    if (!member.first.IsScalar()) {
      throw InputError(path, key_line, dotted_path, "expected plain keys, got a complex key");
    }
    const std::string key = member.first.Scalar();
    const std::string key_path = dotted_path.empty() ? key : dotted_path + "." + key;
    const auto [it, inserted] = seen.emplace(key, key_line);
    if (!inserted) {
      throw InputError(path, key_line, key_path,
                       "duplicate key (first set on line " + std::to_string(it->second) + ")");
    }
    Node child = to_node(path, member.second, key_path, key_line, depth + 1);
    child.key = key;
    node.children.push_back(std::move(child));
  }
}

Node to_node(const std::string& path, const YAML::Node& yaml, const std::string& dotted_path,
             int line, std::size_t depth) {
  const bool container = yaml.IsMap() || yaml.IsSequence();
  if (container && depth >= detail::kMaxDepth) detail::fail_too_deep(path, line);
  Node node;
  node.line = line;
  switch (yaml.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      node.kind = Node::Kind::kNull;
      break;
    case YAML::NodeType::Scalar:
      type_scalar(yaml, node);
      break;
    case YAML::NodeType::Sequence:
      node.kind = Node::Kind::kList;
      for (const YAML::Node& item : yaml) {
        node.children.push_back(
            to_node(path, item, dotted_path, line_of(item.Mark(), line), depth + 1));
      }
      break;
    case YAML::NodeType::Map:
      node.kind = Node::Kind::kMap;
      add_members(path, yaml, dotted_path, node, depth);
      break;
  }
  return node;
}

}  // namespace

Document parse_yaml_document(const std::string& path, const std::string& text) {
  detail::reject_blank(path, text);
  try {
    const YAML::Node root = YAML::Load(text);
    return Document{path, "yaml", to_node(path, root, "", line_of(root.Mark(), 1), 0)};
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard words this "bad file"; say what is wrong.
    detail::fail_too_deep(path, line_of(e.mark, 0));
  } catch (const YAML::Exception& e) {
    // Parser errors carry a mark; representation errors may not.
    throw InputError(path, line_of(e.mark, 0), "", "malformed YAML: " + detail::one_line(e.msg));
  }
}

}  // namespace kvcheck::io
