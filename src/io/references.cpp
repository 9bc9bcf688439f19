// OmegaConf references: "${variables.max_seq_len}" in llm-foundry YAML resolves to the scalar
// it names before any reader sees the file.
#include <string_view>

#include "config_formats.hpp"
#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/input_limits.hpp"

namespace kvcheck::io {
namespace {

// A chain of references longer than this is a cycle or a file written to make us loop.
constexpr int kMaxChain = 16;

/// The dotted path of a scalar that is one whole reference, or empty.
std::string_view reference_of(const Node& node) {
  if (node.kind != Node::Kind::kString) return {};
  const std::string_view t = node.text;
  if (t.size() < 4 || t.substr(0, 2) != "${" || t.back() != '}') return {};
  const std::string_view path = t.substr(2, t.size() - 3);
  if (path.empty() || path.find_first_of("${}: ") != std::string_view::npos) return {};
  return path;
}

const Node* lookup(const Node& root, std::string_view path) {
  const Node* node = &root;
  while (node != nullptr) {
    const std::size_t dot = path.find('.');
    node = node->find(path.substr(0, dot));
    if (dot == std::string_view::npos) return node;
    path.remove_prefix(dot + 1);
  }
  return nullptr;
}

/// Bytes copied into the tree by resolution so far: a long value referenced from thousands
/// of keys must stop at the same limit as an alias bomb.
struct Copied {
  std::size_t bytes = 0;
};

void resolve(const Document& doc, const Node& root, Node& node, const std::string& path_here,
             Copied& copied) {
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    Node& child = node.children[i];
    const std::string step = node.is_map() ? child.key : std::to_string(i);
    resolve(doc, root, child, path_here.empty() ? step : path_here + "." + step, copied);
  }
  std::string_view path = reference_of(node);
  if (path.empty()) return;
  const std::string original = node.text;
  const Node* target = nullptr;
  for (int step = 0; !path.empty(); ++step) {
    if (step == kMaxChain) {
      throw InputError(doc.path, node.line, path_here,
                       original + ": references form a cycle or a chain longer than " +
                           std::to_string(kMaxChain));
    }
    target = lookup(root, path);
    if (target == nullptr) {
      throw InputError(doc.path, node.line, path_here,
                       original + ": no key " + std::string(path) + " in this file");
    }
    if (target->kind == Node::Kind::kMap || target->kind == Node::Kind::kList) {
      throw InputError(doc.path, node.line, path_here,
                       original + ": refers to a mapping or list, not a value");
    }
    path = reference_of(*target);
  }
  copied.bytes += target->text.size();
  if (copied.bytes > kMaxExpandedBytes) {
    throw InputError(doc.path, node.line, path_here,
                     original + ": references copy more than " +
                         std::to_string(kMaxExpandedBytes >> 20) + " MiB of text; not a config");
  }
  node.kind = target->kind;
  node.text = target->text;
}

}  // namespace

void resolve_references(Document& doc) {
  // Resolve against an unmodified copy, so the order of resolution cannot change a result.
  const Node root = doc.root;
  Copied copied;
  resolve(doc, root, doc.root, "", copied);
}

}  // namespace kvcheck::io
