// FieldReader: the one place where config values are type-checked and range-checked.
#include "kvcheck/io/field_reader.hpp"

#include <charconv>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/reader_support.hpp"

namespace kvcheck::io {
namespace {

std::string join(Keys keys) {
  return join_names({keys.begin(), keys.end()});
}

}  // namespace

FieldReader::FieldReader(const Document& doc, const Node& map, std::string prefix,
                         LoadedConfig& out)
    : doc_(doc), map_(map), prefix_(std::move(prefix)), out_(out) {}

const Node* FieldReader::find(Keys keys) const {
  for (std::string_view key : keys) {
    if (const Node* member = map_.find_value(key)) return member;
  }
  return nullptr;
}

void FieldReader::record(std::string_view field, const Node& member) {
  if (field.empty()) return;
  out_.key_lines[std::string(field)] = member.line;
  out_.source_keys[std::string(field)] = path_of(member);
}

std::string FieldReader::path_of(const Node& member) const {
  return path_of(member.key);
}

std::string FieldReader::path_of(std::string_view key) const {
  return prefix_.empty() ? std::string(key) : prefix_ + "." + std::string(key);
}

void FieldReader::fail(const Node& member, const std::string& message) const {
  throw InputError(doc_.path, member.line, path_of(member), message);
}

void FieldReader::fail_absent(std::string_view key, const std::string& message) const {
  throw InputError(doc_.path, map_.line, path_of(key), message);
}

std::int64_t FieldReader::integer(const Node& member, std::int64_t min, const char* what) const {
  const std::string expected = std::string("expected ") + what + ", got ";
  if (member.kind != Node::Kind::kInteger) fail(member, expected + describe(member));
  std::int64_t value = 0;
  const char* first = member.text.data();
  const char* last = first + member.text.size();
  const auto [end, error] = std::from_chars(first, last, value);
  const bool in_range = error == std::errc() && end == last;
  // Beyond int64 the sign still tells whether the value is too small or too large.
  const bool negative = member.text.rfind('-', 0) == 0;
  if (in_range ? value < min : negative) fail(member, expected + member.text);
  if (!in_range || value > kMaxSize) {
    fail(member, "expected at most " + std::to_string(kMaxSize) + ", got " + member.text);
  }
  return value;
}

std::optional<std::int64_t> FieldReader::positive(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  const std::int64_t value = integer(*member, 1, "a positive integer");
  record(field, *member);
  return value;
}

std::int64_t FieldReader::required_positive(std::string_view field, Keys keys) {
  if (auto value = positive(field, keys)) return *value;
  const std::string also = keys.size() > 1 ? " (accepted keys: " + join(keys) + ")" : "";
  fail_absent(*keys.begin(), "missing required field" + also);
}

std::optional<std::int64_t> FieldReader::non_negative(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  const std::int64_t value = integer(*member, 0, "zero or a positive integer");
  record(field, *member);
  return value;
}

std::optional<std::string> FieldReader::string(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  if (member->kind != Node::Kind::kString) {
    fail(*member, "expected a string, got " + describe(*member));
  }
  record(field, *member);
  return member->text;
}

std::optional<std::string> FieldReader::label(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  if (member->kind == Node::Kind::kMap || member->kind == Node::Kind::kList) {
    fail(*member, "expected a name, got " + describe(*member));
  }
  if (member->text.empty()) return std::nullopt;
  record(field, *member);
  return member->text;
}

std::optional<bool> FieldReader::boolean(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  if (member->kind != Node::Kind::kBool) {
    fail(*member, "expected true or false, got " + describe(*member));
  }
  record(field, *member);
  return member->text == "true";
}

std::optional<model::Dtype> FieldReader::dtype(std::string_view field, Keys keys) {
  const Node* member = find(keys);
  if (member == nullptr) return std::nullopt;
  if (member->kind != Node::Kind::kString) {
    fail(*member, "expected a dtype, got " + describe(*member));
  }
  const auto parsed = model::parse_dtype(member->text);
  if (!parsed) {
    fail(*member, "unknown dtype " + quoted(*member) +
                      "; expected one of: float32, float16, bfloat16, float64");
  }
  record(field, *member);
  return parsed;
}

void FieldReader::reject_unknown(Keys allowed) const {
  for (const Node& member : map_.children) {
    bool known = false;
    for (std::string_view key : allowed) known = known || member.key == key;
    if (!known) fail(member, "unknown key; expected one of: " + join(allowed));
  }
}

}  // namespace kvcheck::io
