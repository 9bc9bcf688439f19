// match_attention: a cursor over the step's ops that accepts the attention sequence op by op,
// checking each op's kind, operands, result and dims, and gives up at the first difference.
#include "attention_match.hpp"

#include <algorithm>

namespace kvcheck::interp {
namespace {

using model::Op;
using model::OpKind;

class Cursor {
 public:
  Cursor(const std::vector<Op>& ops, std::size_t at) : ops_(ops), at_(at) {}

  /// The next op when it has `kind` and reads exactly `args` (empty: any), else nullptr
  /// and the cursor stays.
  const Op* take(OpKind kind, const std::vector<std::string>& args = {}) {
    if (at_ >= ops_.size()) return nullptr;
    const Op& op = ops_[at_];
    if (op.kind != kind || (!args.empty() && op.args != args)) return nullptr;
    ++at_;
    return &op;
  }
  /// The next op when it is `arg`.transpose(d0, d1) (either order of the two dims).
  const Op* take_transpose(const std::string& arg, std::int64_t d0, std::int64_t d1) {
    if (at_ >= ops_.size()) return nullptr;
    const Op& op = ops_[at_];
    const bool dims = (op.dim0 == d0 && op.dim1 == d1) || (op.dim0 == d1 && op.dim1 == d0);
    if (op.kind != OpKind::kTranspose || op.args != std::vector<std::string>{arg} || !dims)
      return nullptr;
    ++at_;
    return &op;
  }
  std::size_t position() const { return at_; }

 private:
  const std::vector<Op>& ops_;
  std::size_t at_;
};

/// The ops of the score path, from keys^T to attn, when they are matmul, scale, an optional
/// causal mask and a softmax over the last dim.
bool take_matmul_path(Cursor& c, const std::string& q, const std::string& keys,
                      const std::string& values, AttentionMatch& m) {
  const Op* kt = c.take_transpose(keys, 2, 3);
  if (!kt) kt = c.take_transpose(keys, -2, -1);
  if (!kt) return false;
  const Op* scores = c.take(OpKind::kMatmul, {q, kt->result});
  if (!scores) return false;
  const std::string s = scores->result;
  if (!c.take(OpKind::kScale, {s})) return false;
  if (const Op* mask = c.take(OpKind::kCausalMask, {s})) m.mask = mask;
  const Op* softmax = c.take(OpKind::kSoftmax, {s});
  if (!softmax || (softmax->dim0 != -1 && softmax->dim0 != 3)) return false;
  const Op* attn = c.take(OpKind::kMatmul, {s, values});
  if (!attn) return false;
  m.output = attn->result;
  // The path's values must not reuse the names of its operands, or a later op would read
  // the path's value where the program reads the operand.
  return m.output != q && m.output != keys && m.output != values && kt->result != q && s != q &&
         s != values;
}

}  // namespace

std::optional<AttentionMatch> match_attention(const std::vector<Op>& ops) {
  const auto read = std::find_if(ops.begin(), ops.end(),
                                 [](const Op& op) { return op.kind == OpKind::kCacheRead; });
  if (read == ops.end()) return std::nullopt;
  AttentionMatch m;
  m.first = static_cast<std::size_t>(read - ops.begin());
  Cursor c(ops, m.first);

  const Op* keys = c.take(OpKind::kCacheRead);
  const Op* values = c.take(OpKind::kCacheRead);
  if (!keys || !values || keys->dim0 != values->dim0 || !(keys->count == values->count))
    return std::nullopt;
  if (keys->dim0 != 1 && keys->dim0 != 2) return std::nullopt;
  m.seq_dim = keys->dim0;
  m.keys_cache = keys->args.at(0);
  m.values_cache = values->args.at(0);
  m.key_count = keys->count;
  const std::string k = keys->result;
  const std::string v = values->result;
  if (k == v) return std::nullopt;

  const std::int64_t head_dim_index = m.seq_dim == 1 ? 2 : 1;
  if (const Op* rk = c.take(OpKind::kRepeatKv, {k})) {
    const Op* rv = c.take(OpKind::kRepeatKv, {v});
    if (!rv || rk->result != k || rv->result != v || rk->dim0 != head_dim_index ||
        rv->dim0 != head_dim_index || rk->repeat_kind != rv->repeat_kind ||
        !(rk->count == rv->count))
      return std::nullopt;
    m.repeat = rk;
  }

  // q is the first value transposed after the reads; it must not be one of them.
  if (c.position() >= ops.size()) return std::nullopt;
  const Op& qt = ops[c.position()];
  if (qt.kind != OpKind::kTranspose || qt.args.size() != 1 || qt.result != qt.args[0])
    return std::nullopt;
  m.query = qt.args[0];
  if (m.query == k || m.query == v || !c.take_transpose(m.query, 1, 2)) return std::nullopt;
  if (m.seq_dim == 1) {
    const Op* tk = c.take_transpose(k, 1, 2);
    const Op* tv = c.take_transpose(v, 1, 2);
    if (!tk || !tv || tk->result != k || tv->result != v) return std::nullopt;
  }

  if (const Op* sdpa = c.take(OpKind::kSdpa, {m.query, k, v})) {
    m.sdpa = true;
    m.enable_gqa = sdpa->enable_gqa;
    m.mask = sdpa->causal ? sdpa : nullptr;
    m.output = sdpa->result;
  } else if (!take_matmul_path(c, m.query, k, v, m)) {
    return std::nullopt;
  }

  // out = attn.transpose(1, 2).contiguous().view(batch, len, -1)
  const Op* out = c.take_transpose(m.output, 1, 2);
  if (!out) return std::nullopt;
  const Op* flat = c.take(OpKind::kView, {out->result});
  if (!flat || flat->result != out->result || flat->sizes.size() != 3 || flat->inferred != 2u)
    return std::nullopt;
  m.output = flat->result;
  m.last = c.position() - 1;
  // The kernel computes only the output: no later op may read a value of the matched ops.
  for (std::size_t i = m.last + 1; i < ops.size(); ++i) {
    for (const std::string& arg : ops[i].args) {
      if (arg == m.output) continue;
      for (std::size_t j = m.first; j <= m.last; ++j) {
        if (ops[j].result == arg) return std::nullopt;
      }
    }
  }
  return m;
}

}  // namespace kvcheck::interp
