// build_program: the attention forward with a KV cache, as the ops one layer runs for one
// step. Each choice of the Implementation changes exactly the ops a real codebase changes.
#include "kvcheck/model/program.hpp"

namespace kvcheck::model {
namespace {

namespace s = sym::symbols;
using sym::Dim;

/// Appends ops to a list, filling the fields every op has.
class OpList {
 public:
  explicit OpList(std::vector<Op>& ops) : ops_(ops) {}

  Op& add(OpKind kind, std::string torch_op, std::string result, std::vector<std::string> args,
          std::string pseudo) {
    Op op;
    op.kind = kind;
    op.torch_op = std::move(torch_op);
    op.result = std::move(result);
    op.args = std::move(args);
    op.pseudo = std::move(pseudo);
    ops_.push_back(std::move(op));
    return ops_.back();
  }

  Op& linear(const std::string& result, const std::string& weight, const Dim& in,
             const Dim& out) {
    Op& op = add(OpKind::kLinear, "linear", result, {"x"},
                 result + " = self." + weight + "(" + (weight == "wo" ? "output" : "x") + ")");
    if (weight == "wo") op.args = {"out"};
    op.weight = weight;
    op.in_features = in;
    op.count = out;
    return op;
  }

  Op& view(const std::string& name, std::vector<Dim> sizes, const std::string& heads) {
    Op& op = add(OpKind::kView, "view", name, {name},
                 name + " = " + name + ".view(bsz, seqlen, " + heads + ", head_dim)");
    op.sizes = std::move(sizes);
    return op;
  }

  Op& transpose(const std::string& result, const std::string& arg, std::int64_t d0,
                std::int64_t d1, const std::string& pseudo) {
    Op& op = add(OpKind::kTranspose, "transpose", result, {arg}, pseudo);
    op.dim0 = d0;
    op.dim1 = d1;
    return op;
  }

  Op& repeat_kv(const std::string& result, const std::string& arg, RepeatKind kind,
                std::int64_t head_dim_index) {
    const bool tile = kind == RepeatKind::kTile;
    Op& op = add(OpKind::kRepeatKv, tile ? "repeat" : "repeat_interleave", result, {arg},
                 result + " = " +
                     (tile ? arg + ".repeat(1, 1, n_rep, 1)  # tiles: head h reads kv head h % n_kv_heads"
                           : "repeat_kv(" + arg + ", n_rep)"));
    op.dim0 = head_dim_index;
    op.count = Dim(s::group());
    op.repeat_kind = kind;
    return op;
  }

 private:
  std::vector<Op>& ops_;
};

bool repeats_before_write(RepeatOrder o) {
  return o == RepeatOrder::kRepeatThenWrite || o == RepeatOrder::kRepeatBothSides;
}

bool repeats_after_read(RepeatOrder o) {
  return o == RepeatOrder::kWriteThenRepeat || o == RepeatOrder::kRepeatBothSides;
}

}  // namespace

StepDims symbolic_step(StepKind kind) {
  return {kind, Dim(s::pos()), Dim(s::chunk_len()), Dim(s::max_seq_len())};
}

Program build_program(const Implementation& impl, const StepDims& dims) {
  Program p;
  p.impl = impl;
  p.dims = dims;
  p.caches = {"cache_k", "cache_v"};
  p.output = "y";

  const Dim batch(s::batch());
  const Dim head_dim(s::head_dim());
  const Dim hidden(s::hidden());
  const Dim kv_heads(s::n_kv_heads());
  const Dim heads = Dim::n_heads();
  const bool blhd = impl.layout == CacheLayout::kBLHD;
  const std::int64_t seq_index = blhd ? 1 : 2;
  const std::int64_t head_index = blhd ? 2 : 1;

  // Setup: the cache buffers, allocated once with the head count the code chose.
  OpList setup(p.setup);
  const bool heads_sized = impl.cache_heads == CacheHeads::kHeads;
  const Dim cache_heads = heads_sized ? heads : kv_heads;
  const std::string heads_name = heads_sized ? "n_heads" : "n_kv_heads";
  for (const char* name : {"cache_k", "cache_v"}) {
    Op& op = setup.add(OpKind::kCacheAlloc, "zeros", name, {},
                       std::string("self.") + name + " = torch.zeros(" +
                           (blhd ? "max_batch_size, max_seq_len, " + heads_name
                                 : "max_batch_size, " + heads_name + ", max_seq_len") +
                           ", head_dim)");
    op.sizes = blhd ? std::vector<Dim>{batch, dims.cache_len, cache_heads, head_dim}
                    : std::vector<Dim>{batch, cache_heads, dims.cache_len, head_dim};
  }

  OpList ops(p.step);
  Op& input = ops.add(OpKind::kInput, "input", "x", {}, "x = hidden_states[:, pos : pos + seqlen]");
  input.sizes = {batch, dims.len, hidden};

  ops.linear("xq", "wq", hidden, heads * head_dim);
  ops.linear("xk", "wk", hidden, kv_heads * head_dim);
  ops.linear("xv", "wv", hidden, kv_heads * head_dim);
  ops.view("xq", {batch, dims.len, heads, head_dim}, "n_heads");
  ops.view("xk", {batch, dims.len, kv_heads, head_dim}, "n_kv_heads");
  ops.view("xv", {batch, dims.len, kv_heads, head_dim}, "n_kv_heads");

  const Dim rope_start = impl.rope_absolute_position ? dims.pos : Dim(0);
  const std::string freqs = impl.rope_absolute_position ? "freqs_cis[pos : pos + seqlen]"
                                                        : "freqs_cis[:seqlen]";
  for (const char* name : {"xq", "xk"}) {
    Op& op = ops.add(OpKind::kRope, "rotary_embedding", name, {name},
                     std::string(name) + " = apply_rotary_emb(" + name + ", " + freqs + ")");
    op.start = rope_start;
  }

  if (repeats_before_write(impl.order)) {
    ops.repeat_kv("xk", "xk", impl.repeat_kind, 2);
    ops.repeat_kv("xv", "xv", impl.repeat_kind, 2);
  }
  if (!blhd) {
    ops.transpose("xk", "xk", 1, 2, "xk = xk.transpose(1, 2)  # [bsz, heads, seqlen, head_dim]");
    ops.transpose("xv", "xv", 1, 2, "xv = xv.transpose(1, 2)");
  }

  const std::string slot = blhd ? "[:bsz, pos : pos + seqlen]" : "[:bsz, :, pos : pos + seqlen]";
  for (const auto& [cache, value] : {std::pair{"cache_k", "xk"}, std::pair{"cache_v", "xv"}}) {
    Op& op = ops.add(OpKind::kCacheWrite, "index_copy_", cache, {cache, value},
                     std::string("self.") + cache + slot + " = " + value);
    op.dim0 = seq_index;
    op.start = dims.pos;
    op.len = dims.len;
  }

  // Decode that does not mask unwritten slots reads the whole buffer, as code that skips
  // the mask "because seqlen == 1" does; a padded mask reads it in every step.
  const bool unmasked = dims.kind == StepKind::kDecode && impl.mask == MaskMode::kDecodeReadsAll;
  const bool padded = impl.mask == MaskMode::kPaddedBuffer;
  const bool read_all = unmasked || padded;
  const std::string upto = read_all ? "" : (blhd ? ", : pos + seqlen" : ", :, : pos + seqlen");
  for (const auto& [result, cache] : {std::pair{"keys", "cache_k"}, std::pair{"values", "cache_v"}}) {
    Op& op = ops.add(OpKind::kCacheRead, "narrow", result, {cache},
                     std::string(result) + " = self." + cache + "[:bsz" + upto + "]");
    op.dim0 = seq_index;
    op.count = read_all ? dims.cache_len : dims.pos + dims.len;
  }

  if (repeats_after_read(impl.order)) {
    ops.repeat_kv("keys", "keys", impl.repeat_kind, head_index);
    ops.repeat_kv("values", "values", impl.repeat_kind, head_index);
  }

  ops.transpose("xq", "xq", 1, 2, "xq = xq.transpose(1, 2)  # [bsz, n_heads, seqlen, head_dim]");
  if (blhd) {
    ops.transpose("keys", "keys", 1, 2, "keys = keys.transpose(1, 2)");
    ops.transpose("values", "values", 1, 2, "values = values.transpose(1, 2)");
  }

  if (impl.kernel == AttentionKernel::kMatmul) {
    ops.transpose("keys_t", "keys", 2, 3, "keys_t = keys.transpose(2, 3)");
    ops.add(OpKind::kMatmul, "matmul", "scores", {"xq", "keys_t"},
            "scores = torch.matmul(xq, keys_t)");
    ops.add(OpKind::kScale, "div", "scores", {"scores"},
            "scores = scores / math.sqrt(head_dim)");
    if (!unmasked) {
      Op& mask = ops.add(OpKind::kCausalMask, "masked_fill", "scores", {"scores"},
                         padded ? "scores = scores + F.pad(mask[:, : pos + seqlen], "
                                  "(0, max_seq_len - pos - seqlen))  # zeros over unwritten slots"
                                : "scores = scores.masked_fill(mask[:, : pos + seqlen], float('-inf'))");
      mask.start = dims.pos;
      mask.len = dims.len;
      mask.count = padded ? dims.cache_len : dims.pos + dims.len;
      mask.admit_unwritten = padded;
    }
    Op& softmax = ops.add(OpKind::kSoftmax, "softmax", "scores", {"scores"},
                          "scores = F.softmax(scores.float(), dim=-1)");
    softmax.dim0 = -1;
    ops.add(OpKind::kMatmul, "matmul", "attn", {"scores", "values"},
            "attn = torch.matmul(scores, values)  # [bsz, n_heads, seqlen, head_dim]");
  } else {
    const bool gqa = impl.kernel == AttentionKernel::kSdpaGqa;
    Op& op = ops.add(OpKind::kSdpa, "scaled_dot_product_attention", "attn",
                     {"xq", "keys", "values"},
                     std::string("attn = F.scaled_dot_product_attention(xq, keys, values") +
                         (unmasked ? ""
                          : padded ? ", attn_mask=F.pad(causal_from(pos), (0, max_seq_len - pos - seqlen))"
                                   : ", attn_mask=causal_from(pos)") +
                         (gqa ? ", enable_gqa=True)" : ")"));
    op.enable_gqa = gqa;
    op.causal = !unmasked;
    op.admit_unwritten = padded;
    op.start = dims.pos;
    op.len = dims.len;
  }

  ops.transpose("out", "attn", 1, 2, "output = attn.transpose(1, 2)");
  Op& flat = ops.add(OpKind::kView, "view", "out", {"out"},
                     "output = output.contiguous().view(bsz, seqlen, -1)");
  flat.sizes = {batch, dims.len, Dim(-1)};
  flat.inferred = 2;
  ops.linear("y", "wo", heads * head_dim, hidden);
  return p;
}

}  // namespace kvcheck::model
