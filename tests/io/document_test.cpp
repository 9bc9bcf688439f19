// Document: both syntaxes give the same tree, with types, file order and key lines.
#include "kvcheck/io/document.hpp"

#include <gtest/gtest.h>

#include "kvcheck/base/input_error.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

using testing::input_error_of;
using Kind = Node::Kind;

constexpr const char* kJson = R"({
  "name": "m",
  "heads": 8,
  "ratio": 0.5,
  "ok": true,
  "none": null,
  "list": [1, 2],
  "inner": {
    "heads": -3
  }
})";

constexpr const char* kYaml = R"(# comment line
name: m
heads: 8
ratio: 0.5
ok: true
none: ~
list: [1, 2]
inner:
  heads: -3
)";

void expect_same_tree(const Document& doc, int first_line) {
  const Node& root = doc.root;
  ASSERT_TRUE(root.is_map());
  std::vector<std::string> keys;
  for (const Node& member : root.children) keys.push_back(member.key);
  EXPECT_EQ(keys,
            (std::vector<std::string>{"name", "heads", "ratio", "ok", "none", "list", "inner"}));
  const struct {
    const char* key;
    Kind kind;
    const char* text;
    int line;
  } expected[] = {{"name", Kind::kString, "m", first_line},
                  {"heads", Kind::kInteger, "8", first_line + 1},
                  {"ratio", Kind::kNumber, "0.5", first_line + 2},
                  {"ok", Kind::kBool, "true", first_line + 3},
                  {"none", Kind::kNull, "", first_line + 4},
                  {"list", Kind::kList, "", first_line + 5},
                  {"inner", Kind::kMap, "", first_line + 6}};
  for (const auto& e : expected) {
    SCOPED_TRACE(e.key);
    const Node* member = root.find(e.key);
    ASSERT_NE(member, nullptr);
    EXPECT_EQ(member->kind, e.kind);
    EXPECT_EQ(member->line, e.line);
    if (e.kind != Kind::kNull) {
      EXPECT_EQ(member->text, e.text);
    }
  }
  EXPECT_EQ(root.find_value("none"), nullptr);
  EXPECT_EQ(root.find("list")->children.size(), 2u);
  const Node* inner = root.find("inner")->find("heads");
  ASSERT_NE(inner, nullptr);
  EXPECT_EQ(inner->text, "-3");
  EXPECT_EQ(inner->line, first_line + 7);
}

TEST(Document, JsonTreeHasTypesOrderAndKeyLines) {
  const Document doc = parse_json_document("x.json", kJson);
  EXPECT_EQ(doc.syntax, "json");
  expect_same_tree(doc, 2);
}

TEST(Document, YamlTreeHasTypesOrderAndKeyLines) {
  const Document doc = parse_yaml_document("x.yaml", kYaml);
  EXPECT_EQ(doc.syntax, "yaml");
  expect_same_tree(doc, 2);
}

TEST(Document, JsonKeyLinesFollowNesting) {
  // The same key in two objects must not be confused: each gets its own line.
  const Document doc = parse_json_document("x.json", R"({
  "vision_config": {"num_attention_heads": 16},
  "text_config": {
    "num_attention_heads": 32
  },
  "num_attention_heads": 8
})");
  EXPECT_EQ(doc.root.find("vision_config")->find("num_attention_heads")->line, 2);
  EXPECT_EQ(doc.root.find("text_config")->find("num_attention_heads")->line, 4);
  EXPECT_EQ(doc.root.find("num_attention_heads")->line, 6);
}

TEST(Document, JsonKeysWithEscapesAndBracesInStrings) {
  const Document doc = parse_json_document("x.json", "{\n\"a\\u0062\": \"{[\\\"\",\n\"c\": 1\n}");
  EXPECT_EQ(doc.root.find("ab")->line, 2);
  EXPECT_EQ(doc.root.find("ab")->text, "{[\"");
  EXPECT_EQ(doc.root.find("c")->line, 3);
}

TEST(Document, YamlQuotedNumbersAreStrings) {
  const Document doc = parse_yaml_document("x.yaml", "a: \"8\"\nb: '8'\nc: 8\nd: +8\ne: 0x10\n");
  EXPECT_EQ(doc.root.find("a")->kind, Kind::kString);
  EXPECT_EQ(doc.root.find("b")->kind, Kind::kString);
  EXPECT_EQ(doc.root.find("c")->kind, Kind::kInteger);
  EXPECT_EQ(doc.root.find("d")->text, "8");
}

// YAML 1.2's core schema (and PyYAML) read 0x and 0o integers; kept as their decimal digits.
TEST(Document, YamlHexAndOctalIntegers) {
  const Document doc = parse_yaml_document(
      "x.yaml", "a: 0x10\nb: 0o17\nc: 0xFFFFFFFFFFFFFFFFF\nd: 0x1g\ne: \"0x10\"\n");
  EXPECT_EQ(doc.root.find("a")->kind, Kind::kInteger);
  EXPECT_EQ(doc.root.find("a")->text, "16");
  EXPECT_EQ(doc.root.find("b")->text, "15");
  EXPECT_EQ(doc.root.find("c")->kind, Kind::kString);  // past 64 bits: not read as a number
  EXPECT_EQ(doc.root.find("d")->kind, Kind::kString);
  EXPECT_EQ(doc.root.find("e")->kind, Kind::kString);
}

// Merge keys as PyYAML and OmegaConf read them: keys written in the mapping win, then the
// merged mappings in order; merged keys are not duplicates.
TEST(Document, YamlMergeKeys) {
  const Document doc = parse_yaml_document(
      "x.yaml",
      "a: &a {n: 1, m: 2}\nb: &b {n: 3, k: 4}\nc:\n  <<: [*a, *b]\n  m: 5\n");
  const Node& c = *doc.root.find("c");
  ASSERT_EQ(c.children.size(), 3u);
  EXPECT_EQ(c.find("m")->text, "5");
  EXPECT_EQ(c.find("n")->text, "1");
  EXPECT_EQ(c.find("k")->text, "4");
  EXPECT_EQ(c.find("n")->line, 1);  // where the merged value is written
  EXPECT_EQ(c.find("<<"), nullptr);
}

TEST(Document, YamlRefusesForeignTagsAndSecondDocuments) {
  EXPECT_THROW(parse_yaml_document("x.yaml", "a: !!python/object:os.system x\n"), InputError);
  EXPECT_THROW(parse_yaml_document("x.yaml", "a: !local 1\n"), InputError);
  EXPECT_EQ(parse_yaml_document("x.yaml", "a: !!int \"7\"\n").root.find("a")->kind, Kind::kInteger);
  EXPECT_EQ(parse_yaml_document("x.yaml", "a: !!str 7\n").root.find("a")->kind, Kind::kString);
  EXPECT_EQ(parse_yaml_document("x.yaml", "a: !!float 7\n").root.find("a")->kind, Kind::kNumber);
  EXPECT_THROW(parse_yaml_document("x.yaml", "a: &a {n: 1}\nb:\n  <<: [*a, 5]\n"), InputError);
  EXPECT_THROW(parse_yaml_document("x.yaml", "b:\n  <<: []\n"), InputError);
  EXPECT_THROW(parse_yaml_document("x.yaml", "a: 1\n---\nb: 2\n"), InputError);
  EXPECT_NO_THROW(parse_yaml_document("x.yaml", "---\na: 1\n...\n"));
}

// JSON members keep file order without ordered_json, even many on one line.
TEST(Document, JsonMembersKeepFileOrder) {
  const Document doc = parse_json_document("x.json", R"({"z": 1, "a": 2, "m": {"y": 3, "b": 4}})");
  ASSERT_EQ(doc.root.children.size(), 3u);
  EXPECT_EQ(doc.root.children[0].key, "z");
  EXPECT_EQ(doc.root.children[1].key, "a");
  EXPECT_EQ(doc.root.children[2].children[0].key, "y");
}

TEST(Document, DescribeIsOneShortLine) {
  const Document doc = parse_yaml_document(
      "x.yaml", "a: |\n  two\n  lines\nb: [1]\nc: 0123456789012345678901234567890123456789xyz\n");
  EXPECT_EQ(describe(*doc.root.find("a")), "string \"two lines \"");
  EXPECT_EQ(describe(*doc.root.find("b")), "a list");
  EXPECT_EQ(describe(*doc.root.find("c")),
            "string \"0123456789012345678901234567890123456789...\"");
}

TEST(Document, DuplicateKeysAreErrorsInBothSyntaxes) {
  const InputError json =
      input_error_of([] { parse_json_document("d.json", "{\n\"a\": {\"b\": 1,\n\"b\": 2}\n}"); });
  EXPECT_STREQ(json.what(), "d.json:3: a.b: duplicate key (first set on line 2)");
  const InputError yaml =
      input_error_of([] { parse_yaml_document("d.yaml", "a:\n  b: 1\n  b: 2\n"); });
  EXPECT_STREQ(yaml.what(), "d.yaml:3: a.b: duplicate key (first set on line 2)");
}

TEST(Document, MalformedInputNamesTheLine) {
  EXPECT_STREQ(input_error_of([] { parse_json_document("m.json", "{\n  \"a\": 1\n"); }).what(),
               "m.json:2: malformed JSON: syntax error while parsing object - unexpected end of "
               "input; expected '}'");
  EXPECT_STREQ(input_error_of([] { parse_yaml_document("m.yaml", "a: 1\n b: 2\n"); }).what(),
               "m.yaml:2: malformed YAML: illegal map value");
  EXPECT_STREQ(input_error_of([] { parse_yaml_document("e.yaml", " \n\t\n"); }).what(),
               "e.yaml: empty file; expected a mapping of config keys");
}

TEST(Document, NestingIsBounded) {
  // 64 containers are accepted, the 65th is not, in either syntax.
  std::string json_ok;
  std::string yaml_ok = "a: ";
  for (int i = 0; i < 64; ++i) json_ok += "{\"a\": ";
  for (int i = 0; i < 63; ++i) yaml_ok += "[";
  json_ok += "1" + std::string(64, '}');
  yaml_ok += std::string(63, ']') + "\n";
  EXPECT_NO_THROW(parse_json_document("ok.json", json_ok));
  EXPECT_NO_THROW(parse_yaml_document("ok.yaml", yaml_ok));
  EXPECT_STREQ(input_error_of([&] { parse_json_document("d.json", "[" + json_ok + "]"); }).what(),
               "d.json:1: nested deeper than 64 levels; not a config");
  EXPECT_STREQ(input_error_of([&] {
                 parse_yaml_document("d.yaml", "a: [" + yaml_ok.substr(3) + "]");
               }).what(),
               "d.yaml:1: nested deeper than 64 levels; not a config");
}

TEST(Document, ReadDocumentPicksSyntaxByExtension) {
  const Document json =
      read_document(testing::source_path("fixtures/configs/huggingface/gpt2.json"));
  EXPECT_EQ(json.syntax, "json");
  const Document yaml = read_document(testing::source_path("fixtures/configs/lingua/debug.yaml"));
  EXPECT_EQ(yaml.syntax, "yaml");
  EXPECT_STREQ(input_error_of([] { read_document("no/such/file.json"); }).what(),
               "no/such/file.json: no such file");
}

}  // namespace
}  // namespace kvcheck::io
