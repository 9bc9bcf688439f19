// Document: a parsed JSON or YAML config file as one tree whose values know their lines, so
// every reader works the same way on either syntax and every error can name a line.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace kvcheck::io {

/// One value of a config file. Scalars keep their spelling; readers interpret them.
struct Node {
  enum class Kind { kNull, kBool, kInteger, kNumber, kString, kMap, kList };

  Kind kind = Kind::kNull;
  /// For a mapping member, its key; empty otherwise.
  std::string key;
  /// 1-based line of the key that holds this value; for the top level and list items, the
  /// line the value starts on.
  int line = 0;
  /// Scalars: "true"/"false", the integer's decimal digits (with a leading '-' when negative,
  /// possibly beyond the range of any integer type), the number or the string as written.
  std::string text;
  /// kMap: members in file order, each with `key` set. kList: items.
  std::vector<Node> children;

  /// The member called `name` of a mapping, or nullptr (also when this is not a mapping).
  const Node* find(std::string_view name) const;
  /// `find(name)`, treating an explicit null like an absent key.
  const Node* find_value(std::string_view name) const;
  bool is_map() const { return kind == Kind::kMap; }
};

/// How a value is described in messages: `string "abc"`, `12`, `a mapping`, `null`, ...
/// Always one line, shortened when long.
std::string describe(const Node& node);
/// A scalar's text in double quotes, one line, shortened when long: `"sideways"`.
std::string quoted(const Node& node);

/// A whole file.
struct Document {
  std::string path;
  /// "json" or "yaml".
  std::string syntax;
  Node root;
};

/// Reads and parses `path`: JSON when it ends in .json, YAML when it ends in .yaml or .yml,
/// otherwise JSON when the first non-blank character is '{' and YAML when not.
/// Throws InputError for an unreadable, empty or malformed file and for duplicate keys.
Document read_document(const std::string& path);

/// Parses JSON `text` (named `path` in errors). Throws InputError as read_document.
Document parse_json_document(const std::string& path, const std::string& text);
/// Parses YAML `text` (named `path` in errors). Throws InputError as read_document.
Document parse_yaml_document(const std::string& path, const std::string& text);

}  // namespace kvcheck::io
