// JSON config files: nlohmann_json parses and validates, json_key_lines locates the keys,
// and the two are merged into one Node tree.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "json_key_lines.hpp"
#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/document.hpp"
#include "parse_support.hpp"

namespace kvcheck::io {
namespace {

// Not ordered_json: its members are a vector searched linearly, which makes an object of many
// keys quadratic to parse. File order, which Node promises, comes from the key places.
using Json = nlohmann::json;

/// nlohmann's what() reads "[json.exception.parse_error.101] parse error at line 3,
/// column 5: <reason>"; the location is ours to report, the reason is what the user needs.
std::string parse_reason(const std::string& what) {
  const std::size_t column = what.find("column ");
  const std::size_t colon = what.find(": ", column == std::string::npos ? 0 : column);
  return colon == std::string::npos ? what : what.substr(colon + 2);
}

/// nlohmann reports a number it cannot hold ("number overflow parsing '1e999'") without a
/// position: find the number in the text for its line, and show it shortened.
[[noreturn]] void fail_out_of_range(const std::string& path, const std::string& text,
                                    const std::string& what) {
  const std::size_t open = what.find('\'');
  const std::size_t close = what.rfind('\'');
  if (open == std::string::npos || close <= open) {
    throw InputError(path, 0, "", "malformed JSON: " + detail::one_line(parse_reason(what)));
  }
  const std::string number = what.substr(open + 1, close - open - 1);
  const std::size_t at = text.find(number);
  const std::string shown = number.size() > 40 ? number.substr(0, 40) + "..." : number;
  throw InputError(path, at == std::string::npos ? 0 : detail::line_at(text, at), "",
                   "number " + detail::one_line(shown) + " (" + std::to_string(number.size()) +
                       " characters) is out of range of any number type");
}

Node to_node(const Json& value, const detail::KeyPath& path,
             const std::map<detail::KeyPath, detail::KeyPlace>& key_lines, int line,
             detail::ValueBudget& budget) {
  Node node;
  node.line = line;
  budget.add_value(line, value.is_string() ? value.get_ref<const std::string&>().size() : 0,
                   [&] { return detail::dotted(path); });
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
    case Json::value_t::object: {
      node.kind = Node::Kind::kMap;
      std::vector<std::pair<std::size_t, Node>> members;
      for (const auto& [key, member] : value.items()) {
        detail::KeyPath member_path = path;
        member_path.push_back(key);
        const auto found = key_lines.find(member_path);
        const detail::KeyPlace place =
            found == key_lines.end() ? detail::KeyPlace{line, 0} : found->second;
        budget.check_key(place.line, key.size(), [&] { return detail::dotted(member_path); });
        Node child = to_node(member, member_path, key_lines, place.line, budget);
        child.key = key;
        members.emplace_back(place.order, std::move(child));
      }
      std::sort(members.begin(), members.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      for (auto& [order, child] : members) node.children.push_back(std::move(child));
      break;
    }
    case Json::value_t::array: {
      node.kind = Node::Kind::kList;
      std::size_t index = 0;
      for (const Json& item : value) {
        detail::KeyPath item_path = path;
        item_path.push_back("[" + std::to_string(index++) + "]");
        node.children.push_back(to_node(item, item_path, key_lines, line, budget));
      }
      break;
    }
  }
  return node;
}

}  // namespace

Document parse_json_document(const std::string& path, const std::string& text) {
  // JSON is UTF-8 (RFC 8259): a wide file is named, instead of failing on its first zero byte.
  if (const char* encoding = detail::wide_encoding(text)) {
    throw InputError(path, 0, "",
                     std::string("encoded in ") + encoding + "; JSON config files must be UTF-8");
  }
  detail::reject_nul(path, text);
  detail::reject_blank(path, text);
  Json parsed;
  try {
    parsed = Json::parse(text);
  } catch (const Json::parse_error& e) {
    // e.byte counts the characters read, the offending one included.
    const int line = detail::line_at(text, e.byte == 0 ? 0 : e.byte - 1);
    throw InputError(path, line, "", "malformed JSON: " + detail::one_line(parse_reason(e.what())));
  } catch (const Json::out_of_range& e) {
    fail_out_of_range(path, text, e.what());
  } catch (const Json::exception& e) {
    throw InputError(path, 0, "", "malformed JSON: " + detail::one_line(parse_reason(e.what())));
  }
  const auto key_lines = detail::json_key_lines(path, text);
  const std::size_t first = text.find_first_not_of(" \t\r\n");
  detail::ValueBudget budget(path);
  return Document{path, "json",
                  to_node(parsed, {}, key_lines, detail::line_at(text, first), budget)};
}

}  // namespace kvcheck::io
