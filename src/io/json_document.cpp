// JSON config files: nlohmann_json parses and validates, json_key_lines locates the keys,
// and the two are merged into one Node tree.
#include <nlohmann/json.hpp>

#include "json_key_lines.hpp"
#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/document.hpp"
#include "parse_support.hpp"

namespace kvcheck::io {
namespace {

// ordered_json keeps members in file order, which Node promises.
using Json = nlohmann::ordered_json;

/// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 3,
/// column 5: <reason>"; the location is ours to report, the reason is what the user needs.
std::string parse_reason(const std::string& what) {
  const std::size_t column = what.find("column ");
  const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

Node to_node(const Json& value, const detail::KeyPath& path,
             const std::map<detail::KeyPath, int>& key_lines, int line) {
  Node node;
  node.line = line;
  switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
      node.kind = Node::Kind::kNull;
      break;
    case Json::value_t::boolean:
      node.kind = Node::Kind::kBool;
      node.text = value.get<bool>() ? "true" : "false";
      break;
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
      node.kind = Node::Kind::kInteger;
      node.text = value.dump();
      break;
    case Json::value_t::number_float:
      node.kind = Node::Kind::kNumber;
      node.text = value.dump();
      break;
    case Json::value_t::string:
      node.kind = Node::Kind::kString;
      node.text = value.get<std::string>();
      break;
    case Json::value_t::binary:
      node.kind = Node::Kind::kString;
      break;
    case Json::value_t::object:
      node.kind = Node::Kind::kMap;
      for (const auto& [key, member] : value.items()) {
        detail::KeyPath member_path = path;
        member_path.push_back(key);
        const auto found = key_lines.find(member_path);
        Node child = to_node(member, member_path, key_lines,
                             found == key_lines.end() ? line : found->second);
        child.key = key;
        node.children.push_back(std::move(child));
      }
      break;
    case Json::value_t::array: {
      node.kind = Node::Kind::kList;
      std::size_t index = 0;
      for (const Json& item : value) {
        detail::KeyPath item_path = path;
        item_path.push_back("[" + std::to_string(index++) + "]");
        node.children.push_back(to_node(item, item_path, key_lines, line));
      }
      break;
    }
  }
  return node;
}

}  // namespace

Document parse_json_document(const std::string& path, const std::string& text) {
  detail::reject_blank(path, text);
  Json parsed;
  try {
    parsed = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte counts the characters read, the offending one included.
    const int line = detail::line_at(text, e.byte == 0 ? 0 : e.byte - 1);
    throw InputError(path, line, "", "malformed JSON: " + detail::one_line(parse_reason(e.what())));
  } catch (const Json::exception& e) {
    throw InputError(path, 0, "", "malformed JSON: " + detail::one_line(parse_reason(e.what())));
  }
  const auto key_lines = detail::json_key_lines(path, text);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  return Document{path, "json", to_node(parsed, {}, key_lines, detail::line_at(text, first))};
}

}  // namespace kvcheck::io
