// The explicit list of PyTorch ops kvcheck has shape rules for: the name users know, what the
// rule checks in one line, the documentation page that is its source of truth, and the
// unit (header, source and test file) that holds it.
#pragma once

#include <span>
#include <string_view>

namespace kvcheck::shape {

/// One registered op.
struct OpInfo {
  std::string_view name;             ///< PyTorch name, e.g. "index_copy_"
  std::string_view rule;             ///< the C++ rule and its file stem, e.g. "index_copy"
  std::string_view summary;          ///< one line: what the rule requires and returns
  std::string_view source_of_truth;  ///< e.g. "torch.Tensor.index_copy_ (PyTorch docs)"
};

/// Every op with a shape rule, in the order the attention forward uses them.
std::span<const OpInfo> op_registry();

/// The op called `name` (its PyTorch name), or nullptr.
const OpInfo* find_op(std::string_view name);

}  // namespace kvcheck::shape
