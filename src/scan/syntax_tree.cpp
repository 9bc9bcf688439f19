// SyntaxTree over tree-sitter's C runtime and the compiled tree-sitter-python grammar.
#include "kvcheck/scan/syntax_tree.hpp"

extern "C" const TSLanguage* tree_sitter_python(void);

namespace kvcheck::scan {
namespace {

struct ParserDeleter {
  void operator()(TSParser* p) const { ts_parser_delete(p); }
};

SourceLocation location(TSPoint p) {
  return {static_cast<int>(p.row) + 1, static_cast<int>(p.column) + 1};
}

/// The first ERROR or missing node in source order below `n`. Iterative: a file of deeply
/// nested brackets must not exhaust the stack.
std::optional<Node> first_bad(const Node& root) {
  // Recovery can wrap whole definitions in an ERROR node; the error itself is the deepest
  // node on the path of erroneous children.
  Node n = root;
  if (!n.has_error() && !n.is_error() && !n.is_missing()) return std::nullopt;
  while (true) {
    if (n.is_missing()) return n;
    std::optional<Node> next;
    for (const Node& child : n.all_children()) {
      if (child.has_error() || child.is_error() || child.is_missing()) {
        next = child;
        break;
      }
    }
    if (!next) return n;
    n = *next;
  }
}

}  // namespace

std::string_view Node::kind() const { return is_null() ? "" : ts_node_type(node_); }

std::string_view Node::text() const {
  if (is_null()) return {};
  const std::uint32_t a = ts_node_start_byte(node_);
  const std::uint32_t b = ts_node_end_byte(node_);
  if (a > b || b > source_->size()) return {};
  return std::string_view(*source_).substr(a, b - a);
}

SourceLocation Node::start() const { return location(ts_node_start_point(node_)); }
SourceLocation Node::end() const { return location(ts_node_end_point(node_)); }

namespace {

/// The children of `node` in order, by one cursor walk: ts_node_child(k) walks from the
/// first child each time, which is quadratic over a block of many statements.
std::vector<Node> walk_children(TSNode node, const std::string* source, bool named_only) {
  std::vector<Node> out;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const TSNode child = ts_tree_cursor_current_node(&cursor);
      if (!named_only || ts_node_is_named(child)) out.emplace_back(child, source);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

}  // namespace

std::vector<Node> Node::children() const {
  if (is_null()) return {};
  return walk_children(node_, source_, true);
}

std::vector<Node> Node::all_children() const {
  if (is_null()) return {};
  return walk_children(node_, source_, false);
}

bool Node::is_named() const { return !is_null() && ts_node_is_named(node_); }

Node Node::field(const char* name) const {
  if (is_null()) return {};
  const TSNode child = ts_node_child_by_field_name(node_, name, static_cast<std::uint32_t>(std::char_traits<char>::length(name)));
  return ts_node_is_null(child) ? Node() : Node(child, source_);
}

std::vector<Node> Node::fields(const char* name) const {
  std::vector<Node> out;
  if (is_null()) return out;
  const std::string_view wanted(name);
  // A cursor, because it reports the field of every child, repeated fields included.
  TSTreeCursor cursor = ts_tree_cursor_new(node_);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const char* field = ts_tree_cursor_current_field_name(&cursor);
      if (field && wanted == field) out.emplace_back(ts_tree_cursor_current_node(&cursor), source_);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  return out;
}

bool Node::has_error() const { return !is_null() && ts_node_has_error(node_); }
bool Node::is_error() const { return kind() == "ERROR"; }
bool Node::is_missing() const { return !is_null() && ts_node_is_missing(node_); }

Result<SyntaxTree, SourceNote> SyntaxTree::parse(SourceFile file) {
  std::unique_ptr<TSParser, ParserDeleter> parser(ts_parser_new());
  if (!ts_parser_set_language(parser.get(), tree_sitter_python())) {
    return unexpected(SourceNote{file.path, 0, 0,
                                 "the Python grammar's ABI does not match the tree-sitter runtime"});
  }
  ts_parser_set_timeout_micros(parser.get(), kParseBudgetMicros);
  auto owned = std::make_unique<SourceFile>(std::move(file));
  TSTree* tree = ts_parser_parse_string(parser.get(), nullptr, owned->text.data(),
                                        static_cast<std::uint32_t>(owned->text.size()));
  if (!tree) {
    return unexpected(SourceNote{owned->path, 0, 0,
                                 "parsing took longer than the " +
                                     std::to_string(kParseBudgetMicros / 1000) +
                                     " ms budget; not analysed"});
  }
  return SyntaxTree(std::move(owned), tree);
}

Node SyntaxTree::root() const { return Node(ts_tree_root_node(tree_.get()), &file_->text); }

std::optional<SourceNote> SyntaxTree::first_error() const {
  const Node r = root();
  if (!r.has_error()) return std::nullopt;
  const std::optional<Node> bad = first_bad(r);
  const SourceLocation at = bad ? bad->start() : r.start();
  std::string message = "syntax error; this file is not analysed";
  if (bad && bad->is_missing()) {
    message = "syntax error: missing '" + std::string(bad->kind()) + "'; this file is not analysed";
  }
  return SourceNote{file_->path, at.line, at.column, message};
}

}  // namespace kvcheck::scan
