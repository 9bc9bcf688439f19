// YAML config files: yaml-cpp parses and gives every node a mark (0-based line); plain
// scalars are typed here by YAML 1.2's core schema, since yaml-cpp leaves them untyped.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>
#include <optional>
#include <sstream>
#include <utility>
#include <vector>

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

/// YAML 1.2 core schema integers in base 16 (0x[0-9a-fA-F]+) and base 8 (0o[0-7]+), when
/// they fit in 64 bits; nullopt otherwise.
std::optional<std::uint64_t> core_based_integer(const std::string& s) {
  if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'o')) return std::nullopt;
  const unsigned base = s[1] == 'x' ? 16 : 8;
  std::uint64_t value = 0;
  for (std::size_t i = 2; i < s.size(); ++i) {
    const char c = s[i];
    unsigned digit = 0;
    if (c >= '0' && c <= '9') {
      digit = static_cast<unsigned>(c - '0');
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = static_cast<unsigned>(c - 'a' + 10);
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = static_cast<unsigned>(c - 'A' + 10);
    } else {
      return std::nullopt;
    }
    if (digit >= base || value > (UINT64_MAX - digit) / base) return std::nullopt;
    value = value * base + digit;
  }
  return value;
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

/// The YAML 1.2 core schema's tag names: explicit `!!int 8` is an integer, `!!str 8` a string.
const std::string kCoreTag = "tag:yaml.org,2002:";

/// Types a plain (unquoted) scalar as YAML 1.2's core schema does; quoted scalars are always
/// strings, so `n_heads: "8"` is a string where an integer is needed, as the user wrote it.
void type_plain(const std::string& s, Node& node) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    node.kind = Node::Kind::kNull;
  } else if (is_core_bool(s)) {
    node.kind = Node::Kind::kBool;
    node.text = (s[0] == 't' || s[0] == 'T') ? "true" : "false";
  } else if (const std::optional<std::uint64_t> based = core_based_integer(s)) {
    // 0x1f and 0o17: integers in YAML 1.2's core schema (and in PyYAML), kept as decimal.
    node.kind = Node::Kind::kInteger;
    node.text = std::to_string(*based);
  } else if (is_core_integer(s)) {
    node.kind = Node::Kind::kInteger;
    if (s[0] == '+') node.text = s.substr(1);
  } else if (is_core_float(s)) {
    node.kind = Node::Kind::kNumber;
  } else {
    node.kind = Node::Kind::kString;
  }
}

/// A tag as the user wrote it: `!!python/object` rather than yaml-cpp's expanded form.
std::string shown_tag(const std::string& tag) {
  return tag.rfind(kCoreTag, 0) == 0 ? "!!" + tag.substr(kCoreTag.size()) : tag;
}

/// One pass over a parsed YAML file: where it is, and what has been built so far.
struct Builder {
  const std::string& path;
  detail::ValueBudget budget;

  /// Refuses tags other than the core schema's: a config has no use for them, and a tag
  /// such as !!python/object names code that a Python loader would run.
  void check_tag(const YAML::Node& yaml, const std::string& field, int line) const {
    static const char* const kCoreNames[] = {"str", "int", "float", "bool", "null", "map", "seq"};
    const std::string& tag = yaml.Tag();
    if (tag.empty() || tag == "?" || tag == "!") return;
    // yaml-cpp expands the `!!` shorthand: `!!python/object` arrives as kCoreTag + "python/...".
    if (tag.rfind(kCoreTag, 0) == 0 &&
        std::any_of(std::begin(kCoreNames), std::end(kCoreNames), [&](const char* name) {
          return tag.compare(kCoreTag.size(), std::string::npos, name) == 0;
        })) {
      return;
    }
    throw InputError(path, line, field,
                     "YAML tag " + detail::one_line(shown_tag(tag)) +
                         " is not allowed in a config (only the core schema's !!str, !!int, "
                         "!!float, !!bool, !!null, !!map and !!seq)");
  }

  void type_scalar(const YAML::Node& yaml, Node& node, const std::string& field) const {
    const std::string& s = yaml.Scalar();
    node.text = s;
    // yaml-cpp tags plain scalars "?", quoted ones "!", explicitly tagged ones with the tag.
    const std::string& tag = yaml.Tag();
    if (tag == "?") return type_plain(s, node);
    if (tag.rfind(kCoreTag, 0) != 0 || tag == kCoreTag + "str") {
      node.kind = Node::Kind::kString;
      return;
    }
    type_plain(s, node);
    const std::string want = tag.substr(kCoreTag.size());
    const bool fits = (want == "int" && node.kind == Node::Kind::kInteger) ||
                      (want == "float" &&
                       (node.kind == Node::Kind::kNumber || node.kind == Node::Kind::kInteger)) ||
                      (want == "bool" && node.kind == Node::Kind::kBool) ||
                      (want == "null" && node.kind == Node::Kind::kNull);
    if (!fits) {
      throw InputError(path, node.line, field,
                       "!!" + detail::one_line(want) + " " + quoted(node) + " is not a valid !!" +
                           detail::one_line(want));
    }
    if (want == "float") node.kind = Node::Kind::kNumber;  // `!!float 8` is the number 8.0
  }

  Node to_node(const YAML::Node& yaml, const std::string& field, int line, std::size_t depth);

  /// Members of a `<<` merge key's value (a mapping or a list of them), earlier ones first.
  /// (yaml-cpp's nodes are handles: copies, since its iterators yield temporaries.)
  std::vector<YAML::Node> merged_maps(const YAML::Node& value, const std::string& field,
                                      int line) const {
    const auto fail = [&] {
      throw InputError(path, line, field, "a merge key (<<) takes a mapping or a list of mappings");
    };
    if (value.IsMap()) return {value};
    if (!value.IsSequence() || value.size() == 0) fail();
    std::vector<YAML::Node> maps;
    for (const YAML::Node& item : value) {
      if (!item.IsMap()) fail();
      maps.push_back(item);
    }
    return maps;
  }

  void add_members(const YAML::Node& yaml, const std::string& dotted_path, Node& node,
                   std::size_t depth) {
    std::map<std::string, int> seen;
    std::vector<std::pair<YAML::Node, int>> merges;
    for (const auto& member : yaml) {
      const int key_line = line_of(member.first.Mark(), node.line);
      if (!member.first.IsScalar()) {
        throw InputError(path, key_line, dotted_path, "expected plain keys, got a complex key");
      }
      const std::string key = member.first.Scalar();
      const std::string key_path = dotted_path.empty() ? key : dotted_path + "." + key;
      budget.check_key(key_line, key.size(), [&] { return key_path; });
      if (key == "<<" && member.first.Tag() == "?") {
        merges.emplace_back(member.second, key_line);
        continue;
      }
      const auto [it, inserted] = seen.emplace(key, key_line);
      if (!inserted) {
        throw InputError(path, key_line, key_path,
                         "duplicate key (first set on line " + std::to_string(it->second) + ")");
      }
      Node child = to_node(member.second, key_path, key_line, depth + 1);
      child.key = key;
      node.children.push_back(std::move(child));
    }
    // YAML's merge key (as PyYAML and OmegaConf read it): keys written in the mapping win,
    // then the merged mappings in order.
    for (const auto& [value, merge_line] : merges) {
      for (const YAML::Node& map : merged_maps(value, dotted_path, merge_line)) {
        Node merged = to_node(map, dotted_path, merge_line, depth + 1);
        for (Node& child : merged.children) {
          if (seen.emplace(child.key, child.line).second) node.children.push_back(std::move(child));
        }
      }
    }
  }
};

Node Builder::to_node(const YAML::Node& yaml, const std::string& field, int line,
                      std::size_t depth) {
  const bool container = yaml.IsMap() || yaml.IsSequence();
  if (container && depth >= kMaxDepth) detail::fail_too_deep(path, line);
  check_tag(yaml, field, line);
  Node node;
  node.line = line;
  budget.add_value(line, yaml.IsScalar() ? yaml.Scalar().size() : 0, [&] { return field; });
  switch (yaml.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      node.kind = Node::Kind::kNull;
      break;
    case YAML::NodeType::Scalar:
      type_scalar(yaml, node, field);
      break;
    case YAML::NodeType::Sequence:
      node.kind = Node::Kind::kList;
      for (const YAML::Node& item : yaml) {
        node.children.push_back(to_node(item, field, line_of(item.Mark(), line), depth + 1));
      }
      break;
    case YAML::NodeType::Map:
      node.kind = Node::Kind::kMap;
      add_members(yaml, field, node, depth);
      break;
  }
  return node;
}

/// Records whether a document holds anything, and where it starts.
class ContentSeen final : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override { see(mark, false); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override { see(mark, true); }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string&) override {
    see(mark, true);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    see(mark, true);
  }
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    see(mark, true);
  }
  void OnMapEnd() override {}

  bool content = false;
  YAML::Mark first;

 private:
  void see(const YAML::Mark& mark, bool counts) {
    if (!counts || content) return;
    content = true;
    first = mark;
  }
};

/// A config is one YAML document: reading only the first of several would check something
/// other than what the file says. The stream is walked document by document with a fixed
/// number of steps (yaml-cpp's LoadAll can loop forever on some damaged streams).
void reject_second_document(const std::string& path, const std::string& text) {
  std::istringstream stream(text);
  YAML::Parser parser(stream);
  ContentSeen first;
  if (!parser.HandleNextDocument(first)) return;
  for (int step = 0; step < 4; ++step) {
    ContentSeen next;
    if (!parser.HandleNextDocument(next)) return;
    if (next.content && first.content) {
      throw InputError(path, line_of(next.first, 0), "",
                       "holds more than one YAML document; a config file is one document");
    }
    if (next.content) first = next;
  }
}

}  // namespace

Document parse_yaml_document(const std::string& path, const std::string& text) {
  // yaml-cpp decodes UTF-16 and UTF-32 itself; only UTF-8 text must be free of NUL bytes.
  if (detail::wide_encoding(text) == nullptr) detail::reject_nul(path, text);
  detail::reject_blank(path, text);
  try {
    reject_second_document(path, text);
    const YAML::Node root = YAML::Load(text);
    Builder builder{path, detail::ValueBudget(path)};
    return Document{path, "yaml", builder.to_node(root, "", line_of(root.Mark(), 1), 0)};
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp's own guard words this "bad file"; say what is wrong.
    detail::fail_too_deep(path, line_of(e.mark, 0));
  } catch (const YAML::Exception& e) {
    // Parser errors carry a mark; representation errors may not.
    throw InputError(path, line_of(e.mark, 0), "", "malformed YAML: " + detail::one_line(e.msg));
  }
}

}  // namespace kvcheck::io
