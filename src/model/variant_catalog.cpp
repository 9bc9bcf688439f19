// The variant catalog: the correct order and the wrong ones real code has shipped.
#include "kvcheck/model/variant.hpp"

namespace kvcheck::model {
namespace {

constexpr Expectation F = Expectation::kFails;

std::vector<Variant> make_catalog() {
  std::vector<Variant> v;

  {
    Variant x;
    x.name = "fixed";
    x.summary = "cache holds n_kv_heads heads; repeat_kv after reading it back";
    x.explanation =
        "Project, reshape keys and values to n_kv_heads heads, rotate, write them into a cache "
        "allocated with n_kv_heads heads, read the written prefix back and only then repeat each "
        "kv head group times (interleaved: query head h reads kv head h / group). Shapes agree "
        "for every configuration, the cache holds exactly what it needs, and outputs equal a "
        "full causal forward.";
    x.pseudo = "cache_k = zeros(B, L, n_kv_heads, D); cache_k[:, pos:pos+s] = xk; "
               "keys = repeat_kv(cache_k[:, :pos+s], n_rep)";
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "cache-sized-by-n_heads";
    x.summary = "cache allocated with n_heads, written with n_kv_heads keys";
    x.explanation =
        "The cache buffer is allocated with n_heads heads but written with keys that have "
        "n_kv_heads heads, before repeat_kv. index_copy_ raises a shape error as soon as "
        "n_kv_heads < n_heads; every multi-head config (group = 1) hides it, which is how it "
        "ships. The fix allocates the cache with n_kv_heads heads.";
    x.pseudo = "cache_k = zeros(B, L, n_heads, D); cache_k[:, pos:pos+s] = xk  # xk has n_kv_heads";
    x.impl.cache_heads = CacheHeads::kHeads;
    x.expected = {{"shape-safety", F},   {"output-equivalence", F}, {"cache-footprint", F},
                  {"head-mapping", F},   {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "repeat-then-cache";
    x.summary = "repeat_kv before the cache write, into an n_heads buffer";
    x.explanation =
        "Keys and values are repeated to n_heads heads before they are cached, into a buffer "
        "allocated with n_heads heads. Every shape agrees and every output is right, but the "
        "cache holds group times the memory it needs: the whole point of GQA is lost.";
    x.pseudo = "xk = repeat_kv(xk, n_rep); cache_k = zeros(B, L, n_heads, D); cache_k[...] = xk";
    x.impl.cache_heads = CacheHeads::kHeads;
    x.impl.order = RepeatOrder::kRepeatThenWrite;
    x.expected = {{"cache-footprint", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "repeat-then-cache-kv-sized";
    x.summary = "repeat_kv before the cache write, into an n_kv_heads buffer";
    x.explanation =
        "Keys and values are repeated to n_heads heads before the write, but the cache is "
        "correctly sized with n_kv_heads heads, so the write itself fails with a shape error "
        "whenever group >= 2.";
    x.pseudo = "xk = repeat_kv(xk, n_rep); cache_k = zeros(B, L, n_kv_heads, D); cache_k[...] = xk";
    x.impl.order = RepeatOrder::kRepeatThenWrite;
    x.expected = {{"shape-safety", F}, {"output-equivalence", F}, {"head-mapping", F},
                  {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "tile-repeat";
    x.summary = "kv heads tiled (x.repeat) instead of interleaved";
    x.explanation =
        "repeat_kv is written as x.repeat(1, 1, n_rep, 1), which tiles the kv heads: query head "
        "h then reads kv head h % n_kv_heads instead of h / group. Every shape agrees, so nothing "
        "raises, but outputs are silently wrong once n_kv_heads >= 2 and group >= 2.";
    x.pseudo = "keys = keys.repeat(1, 1, n_rep, 1)";
    x.impl.repeat_kind = RepeatKind::kTile;
    x.expected = {{"output-equivalence", F}, {"head-mapping", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "double-repeat";
    x.summary = "repeat_kv both before the cache write and after the read";
    x.explanation =
        "Keys are repeated before they are written into an n_heads cache, and repeated again "
        "after they are read back, giving n_heads * group kv heads. The attention matmul cannot "
        "broadcast that against n_heads query heads once group >= 2; the cache also holds "
        "group times the memory it needs.";
    x.pseudo = "xk = repeat_kv(xk, n_rep); cache_k[...] = xk; keys = repeat_kv(cache_k[...], n_rep)";
    x.impl.cache_heads = CacheHeads::kHeads;
    x.impl.order = RepeatOrder::kRepeatBothSides;
    x.expected = {{"shape-safety", F},  {"output-equivalence", F}, {"cache-footprint", F},
                  {"head-mapping", F},  {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "no-repeat";
    x.summary = "repeat_kv forgotten: n_kv_heads keys against n_heads queries";
    x.explanation =
        "The cache is right but repeat_kv is never called, so torch.matmul must broadcast "
        "n_kv_heads key heads against n_heads query heads. PyTorch broadcasts a size-1 dim, so "
        "multi-query attention (n_kv_heads = 1) runs and is even correct; it fails with a "
        "shape error as soon as n_kv_heads >= 2 and group >= 2.";
    x.pseudo = "scores = torch.matmul(xq, keys.transpose(2, 3))  # keys still n_kv_heads";
    x.impl.order = RepeatOrder::kNoRepeat;
    x.expected = {{"shape-safety", F}, {"output-equivalence", F}, {"head-mapping", F},
                  {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "unmasked-cache-tail";
    x.summary = "decode attends over the whole buffer, unwritten slots included";
    x.explanation =
        "During decode the code skips the mask (a single query needs no causal mask) and reads "
        "the whole cache buffer instead of its written prefix. The unwritten zero slots get "
        "softmax weight, so outputs differ from a full forward from the first decode step that "
        "leaves a slot unwritten. Shapes are fine; multi-head configs break too.";
    x.pseudo = "keys = self.cache_k[:bsz]  # all max_seq_len slots, no mask";
    x.impl.mask = MaskMode::kDecodeReadsAll;
    x.expected = {{"output-equivalence", F}, {"mha-reduction", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "padded-causal-mask";
    x.summary = "every step reads the whole buffer; the causal mask is zero-padded over unwritten slots";
    x.explanation =
        "Every step, prefill included, attends over all max_seq_len cache slots with a causal "
        "mask built for the written prefix and padded with zeros (F.pad) to the buffer's length, "
        "so the unwritten zero slots are admitted. Each admitted zero key scores 0 and takes "
        "softmax weight from the real keys: outputs differ from a full forward whenever a step "
        "leaves a slot unwritten (a cache longer than the run, any decode step but the last "
        "into a full cache, any prefill chunk but the last). The value at those slots is 0, so "
        "a probe of each kv head's values reads a diluted value too.";
    x.pseudo = "scores = scores + F.pad(mask[:, : pos + seqlen], (0, max_seq_len - pos - seqlen))";
    x.impl.mask = MaskMode::kPaddedBuffer;
    x.expected = {{"output-equivalence", F}, {"head-mapping", F}, {"mha-reduction", F},
                  {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "rope-position-reset";
    x.summary = "RoPE rotates each step from position 0";
    x.explanation =
        "Rotary embeddings are applied with freqs_cis[:seqlen] instead of "
        "freqs_cis[pos : pos + seqlen], so a decoded token (or a later prefill chunk) is "
        "rotated as if it stood at the start of the sequence. Shapes are fine; outputs differ "
        "from a full forward at the second token, whether it arrives as a decode step or as a "
        "second prefill chunk (head_dim >= 2: with one dim nothing rotates).";
    x.pseudo = "xq, xk = apply_rotary_emb(xq, xk, freqs_cis[:seqlen])";
    x.impl.rope_absolute_position = false;
    x.expected = {{"output-equivalence", F}, {"mha-reduction", F}, {"chunked-prefill", F}};
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "sdpa-enable-gqa";
    x.summary = "no repeat_kv; scaled_dot_product_attention(enable_gqa=True) groups the heads";
    x.explanation =
        "The cache holds n_kv_heads heads and attention is computed by "
        "F.scaled_dot_product_attention with enable_gqa=True (PyTorch 2.5+), which maps query "
        "head h to kv head h / group itself. A correct alternative to repeat_kv that never "
        "materialises the repeated keys.";
    x.pseudo = "attn = F.scaled_dot_product_attention(xq, keys, values, enable_gqa=True)";
    x.impl.order = RepeatOrder::kNoRepeat;
    x.impl.kernel = AttentionKernel::kSdpaGqa;
    v.push_back(x);
  }
  {
    Variant x;
    x.name = "bhld-layout";
    x.summary = "the fixed order with a [batch, heads, seq, head_dim] cache";
    x.explanation =
        "The same correct order as fixed, with the cache laid out as [B, n_kv_heads, L, D] as "
        "Hugging Face's DynamicCache does; the write and read index dim 2. Included to show the "
        "properties do not depend on the layout.";
    x.pseudo = "cache_k = zeros(B, n_kv_heads, L, D); cache_k[:, :, pos:pos+s] = xk.transpose(1, 2)";
    x.impl.layout = CacheLayout::kBHLD;
    v.push_back(x);
  }
  return v;
}

}  // namespace

Expectation Variant::expectation(const std::string& property) const {
  auto it = expected.find(property);
  return it == expected.end() ? Expectation::kHolds : it->second;
}

const std::vector<Variant>& variant_catalog() {
  static const std::vector<Variant> catalog = make_catalog();
  return catalog;
}

const Variant* find_variant(const std::string& name) {
  for (const Variant& v : variant_catalog()) {
    if (v.name == name) return &v;
  }
  return nullptr;
}

std::vector<std::string> variant_names() {
  std::vector<std::string> out;
  for (const Variant& v : variant_catalog()) out.push_back(v.name);
  return out;
}

}  // namespace kvcheck::model
