// SyntaxTree: a Python file parsed by tree-sitter with the tree-sitter-python grammar, and a
// small read-only view of its nodes for the analyser.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kvcheck/base/result.hpp"
#include "kvcheck/scan/source_file.hpp"

namespace kvcheck::scan {

/// A place in a source file, 1-based, columns in bytes.
struct SourceLocation {
  int line = 0;
  int column = 0;
  friend bool operator==(const SourceLocation&, const SourceLocation&) = default;
};

/// One node of a tree; valid while its SyntaxTree lives. A default Node is null.
class Node {
 public:
  Node() = default;
  Node(TSNode node, const std::string* source) : node_(node), source_(source) {}

  bool is_null() const { return source_ == nullptr || ts_node_is_null(node_); }
  /// The grammar's node type: "call", "attribute", "identifier", "ERROR", ...
  std::string_view kind() const;
  /// The source text the node spans.
  std::string_view text() const;
  SourceLocation start() const;
  SourceLocation end() const;
  /// Named children only (no punctuation), in source order.
  std::vector<Node> children() const;
  /// Every child, punctuation and operator tokens included, in source order.
  std::vector<Node> all_children() const;
  /// False for punctuation and keyword tokens (":", "is", "not").
  bool is_named() const;
  /// The child in grammar field `field` ("function", "arguments", "left"), or null.
  Node field(const char* field) const;
  /// Every child in grammar field `field` (`import a, b` has two "name" children).
  std::vector<Node> fields(const char* field) const;
  /// A syntax error or a missing token lies inside this node.
  bool has_error() const;
  bool is_error() const;    ///< an ERROR node
  bool is_missing() const;  ///< a token the parser inserted to recover

 private:
  TSNode node_{};
  const std::string* source_ = nullptr;
};

/// A parsed file. Bad syntax does not fail the parse (the tree holds ERROR nodes and
/// first_error() names the first); only the time budget does, which keeps pathological
/// inputs bounded.
class SyntaxTree {
 public:
  /// Parser time budget per file.
  static constexpr std::uint64_t kParseBudgetMicros = 2'000'000;

  static Result<SyntaxTree, SourceNote> parse(SourceFile file);

  Node root() const;
  const SourceFile& file() const { return *file_; }
  /// The first syntax error in source order, as a note ("syntax error" or "missing ')'").
  std::optional<SourceNote> first_error() const;

 private:
  struct TreeDeleter {
    void operator()(TSTree* t) const { ts_tree_delete(t); }
  };
  SyntaxTree(std::unique_ptr<SourceFile> file, TSTree* tree) : file_(std::move(file)), tree_(tree) {}
  std::unique_ptr<SourceFile> file_;  ///< stable address: nodes point into its text
  std::unique_ptr<TSTree, TreeDeleter> tree_;
};

}  // namespace kvcheck::scan
