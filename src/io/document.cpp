// Document: reading a config file from disk, choosing its syntax, and the Node functions that
// every reader uses to look values up and describe them in messages.
#include "kvcheck/io/document.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kvcheck/base/input_error.hpp"
#include "parse_support.hpp"

namespace kvcheck::io {
namespace {

// Values longer than this are cut in messages: the point is to recognise the value, not to
// reproduce a paragraph.
constexpr std::size_t kMaxDescribed = 40;

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool looks_like_json(const std::string& text) {
  auto first =
      std::find_if(text.begin(), text.end(), [](unsigned char c) { return !std::isspace(c); });
  return first != text.end() && *first == '{';
}

std::string shortened(const std::string& text) {
  std::string shown = detail::one_line(text);
  if (shown.size() > kMaxDescribed) shown = shown.substr(0, kMaxDescribed) + "...";
  return shown;
}

std::string read_file(const std::string& path) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) throw InputError(path, 0, "", "no such file");
  if (fs::is_directory(status)) throw InputError(path, 0, "", "is a directory, not a config file");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path, 0, "", "cannot be opened for reading");
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError(path, 0, "", "cannot be read");
  return text.str();
}

}  // namespace

namespace detail {

std::string one_line(std::string s) {
  for (char& c : s) {
    if (std::iscntrl(static_cast<unsigned char>(c))) c = ' ';
  }
  return s;
}

void reject_blank(const std::string& path, const std::string& text) {
  static const std::string kBom = "\xEF\xBB\xBF";
  const std::size_t start = text.rfind(kBom, 0) == 0 ? kBom.size() : 0;
  const bool blank = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                                 [](unsigned char c) { return std::isspace(c); });
  if (blank) throw InputError(path, 0, "", "empty file; expected a mapping of config keys");
}

void fail_too_deep(const std::string& path, int line) {
  throw InputError(path, line, "",
                   "nested deeper than " + std::to_string(kMaxDepth) + " levels; not a config");
}

int line_at(const std::string& text, std::size_t offset) {
  // An error at the end of input belongs to the last line, not to the empty "line" after
  // the final newline.
  const std::size_t clamped = text.empty() ? 0 : std::min(offset, text.size() - 1);
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(clamped);
  return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

}  // namespace detail

const Node* Node::find(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (const Node& member : children) {
    if (member.key == name) return &member;
  }
  return nullptr;
}

const Node* Node::find_value(std::string_view name) const {
  const Node* member = find(name);
  return member != nullptr && member->kind != Kind::kNull ? member : nullptr;
}

std::string describe(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kMap:
      return "a mapping";
    case Node::Kind::kList:
      return "a list";
    case Node::Kind::kString:
      return "string " + quoted(node);
    case Node::Kind::kBool:
    case Node::Kind::kInteger:
    case Node::Kind::kNumber:
      break;
  }
  return shortened(node.text);
}

std::string quoted(const Node& node) {
  return "\"" + shortened(node.text) + "\"";
}

Document read_document(const std::string& path) {
  const std::string text = read_file(path);
  const std::string ext = lower_extension(path);
  if (ext == ".json") return parse_json_document(path, text);
  if (ext == ".yaml" || ext == ".yml") return parse_yaml_document(path, text);
  return looks_like_json(text) ? parse_json_document(path, text) : parse_yaml_document(path, text);
}

}  // namespace kvcheck::io
