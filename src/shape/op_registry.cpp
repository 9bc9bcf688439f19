// The table of ops with shape rules. Adding a rule means adding one row here, the rule's
// header and source under ops/, and its test; the registry test checks all four exist.
#include "kvcheck/shape/op_registry.hpp"

#include <array>

namespace kvcheck::shape {
namespace {

constexpr std::array kOps{
    OpInfo{"linear", "linear",
           "input [..., in] times weight [out, in] gives [..., out]; the last dim must be in",
           "torch.nn.functional.linear (PyTorch docs)"},
    OpInfo{"view", "view", "new sizes with the same numel; one -1 is inferred by exact division",
           "torch.Tensor.view (PyTorch docs)"},
    OpInfo{"reshape", "reshape",
           "view's shape rule (strides, the only difference, are not modelled)",
           "torch.reshape (PyTorch docs)"},
    OpInfo{"transpose", "transpose", "swaps two dims; both must be in range",
           "torch.transpose (PyTorch docs)"},
    OpInfo{"narrow", "narrow", "keeps length entries from start along dim; start + length must fit",
           "torch.narrow (PyTorch docs)"},
    OpInfo{"index_copy_", "index_copy",
           "writes source into self along dim: every other dim equal, dim sized like the index",
           "torch.Tensor.index_copy_ (PyTorch docs)"},
    OpInfo{"cat", "cat", "joins tensors along dim; every other dim must be equal",
           "torch.cat (PyTorch docs)"},
    OpInfo{"repeat_interleave", "repeat_interleave",
           "copies each slice along dim `repeats` times, copies adjacent (repeat_kv)",
           "torch.repeat_interleave (PyTorch docs)"},
    OpInfo{"repeat", "repeat",
           "tiles the whole tensor; new leading dims first; same shape as interleaving",
           "torch.Tensor.repeat (PyTorch docs)"},
    OpInfo{"expand", "expand",
           "broadcast view to new sizes; only size-1 dims stretch, -1 keeps a dim",
           "torch.Tensor.expand (PyTorch docs)"},
    OpInfo{"broadcast_shapes", "broadcast_shapes",
           "right-aligned sizes must be equal or 1; the result takes the one that is not 1",
           "torch.broadcast_shapes (PyTorch docs)"},
    OpInfo{"matmul", "matmul",
           "contracts a's last dim with b's second to last; batch dims broadcast; 1-D cases",
           "torch.matmul (PyTorch docs)"},
    OpInfo{"masked_fill_", "masked_fill", "the mask must broadcast to self; self's shape",
           "torch.Tensor.masked_fill_ (PyTorch docs)"},
    OpInfo{"softmax", "softmax", "normalises along an in-range dim; self's shape",
           "torch.nn.functional.softmax (PyTorch docs)"},
    OpInfo{"scaled_dot_product_attention", "scaled_dot_product_attention",
           "q [..., Hq, L, E], k [..., Hk, S, E], v [..., Hv, S, Ev] -> [..., Hq, L, Ev]; "
           "enable_gqa needs Hk | Hq and Hk == Hv",
           "torch.nn.functional.scaled_dot_product_attention (PyTorch docs)"},
};

}  // namespace

std::span<const OpInfo> op_registry() {
  return kOps;
}

const OpInfo* find_op(std::string_view name) {
  for (const OpInfo& op : kOps) {
    if (op.name == name) return &op;
  }
  return nullptr;
}

}  // namespace kvcheck::shape
