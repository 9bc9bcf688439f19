// The structural pass that finds the line of every key of a valid JSON text.
//
// Valid JSON makes this small: strings cannot hold a raw newline, so counting '\n' outside
// and inside strings gives the same line; a string is a key exactly when the next non-blank
// character is ':'; '{' '[' '}' ']' and ',' outside strings are structure.
#include "json_key_lines.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "kvcheck/base/input_error.hpp"
#include "parse_support.hpp"

namespace kvcheck::io::detail {
namespace {

/// One open object or list while scanning.
struct Frame {
  bool is_object = false;
  KeyPath path;           ///< path of this container
  std::string last_key;   ///< objects: the key whose value is being read
  std::size_t index = 0;  ///< lists: the item being read
};

/// Escapes in keys are rare but legal; let the JSON library decode them exactly.
std::string decode_key(const std::string& raw) {
  if (raw.find('\\') == std::string::npos) return raw;
  // The text was validated, but a key that does not decode must still not escape as a JSON
  // library error: it is kept as written.
  try {
    return nlohmann::json::parse("\"" + raw + "\"").get<std::string>();
  } catch (const nlohmann::json::exception&) {
    return raw;
  }
}

/// Index of the quote closing the string that opens at `open`.
std::size_t closing_quote(const std::string& text, std::size_t open) {
  std::size_t i = open + 1;
  while (i < text.size() && text[i] != '"') i += text[i] == '\\' ? 2 : 1;
  return i;
}

bool followed_by_colon(const std::string& text, std::size_t after) {
  while (after < text.size() && std::isspace(static_cast<unsigned char>(text[after]))) ++after;
  return after < text.size() && text[after] == ':';
}

KeyPath child_path(const std::vector<Frame>& stack) {
  if (stack.empty()) return {};
  const Frame& parent = stack.back();
  KeyPath path = parent.path;
  path.push_back(parent.is_object ? parent.last_key : "[" + std::to_string(parent.index) + "]");
  return path;
}

}  // namespace

std::string dotted(const KeyPath& path) {
  std::string out;
  for (const std::string& key : path) out += (out.empty() ? "" : ".") + key;
  return out;
}

std::map<KeyPath, KeyPlace> json_key_lines(const std::string& path, const std::string& text) {
  std::map<KeyPath, KeyPlace> lines;
  std::vector<Frame> stack;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
    } else if (c == '"') {
      const std::size_t close = closing_quote(text, i);
      if (!stack.empty() && stack.back().is_object && followed_by_colon(text, close + 1)) {
        Frame& object = stack.back();
        object.last_key = decode_key(text.substr(i + 1, close - i - 1));
        KeyPath key_path = object.path;
        key_path.push_back(object.last_key);
        // Each key's path is kept, so the count is bounded before the map grows with it.
        if (lines.size() == kMaxValues) {
          throw InputError(path, line, "",
                           "more than " + std::to_string(kMaxValues) + " keys; not a config");
        }
        const auto [it, inserted] = lines.emplace(key_path, KeyPlace{line, lines.size()});
        if (!inserted) {
          throw InputError(path, line, dotted(key_path),
                           "duplicate key (first set on line " + std::to_string(it->second.line) +
                               ")");
        }
      }
      i = close;
    } else if (c == '{' || c == '[') {
      if (stack.size() == kMaxDepth) fail_too_deep(path, line);
      stack.push_back(Frame{c == '{', child_path(stack), "", 0});
    } else if ((c == '}' || c == ']') && !stack.empty()) {
      stack.pop_back();
    } else if (c == ',' && !stack.empty() && !stack.back().is_object) {
      ++stack.back().index;
    }
  }
  return lines;
}

}  // namespace kvcheck::io::detail
