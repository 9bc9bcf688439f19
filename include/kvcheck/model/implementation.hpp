// Implementation: the choices a piece of attention-with-KV-cache code makes. Every variant
// in the catalog, and every user-described implementation, is one value of this type.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace kvcheck::model {

/// How many heads the cache buffer is allocated with.
enum class CacheHeads { kKvHeads, kHeads };
/// Where repeat_kv happens relative to the cache write.
enum class RepeatOrder { kWriteThenRepeat, kRepeatThenWrite, kRepeatBothSides, kNoRepeat };
/// How kv heads are repeated: interleaved (head h reads kv head h / group, as
/// repeat_interleave) or tiled (head h reads kv head h % n_kv_heads, as Tensor.repeat).
enum class RepeatKind { kInterleave, kTile };
/// Cache buffer layout.
enum class CacheLayout { kBLHD, kBHLD };
/// Which cache slots attention may see.
/// kWrittenPrefix: every step reads the written prefix (pos + seqlen slots) under a causal mask.
/// kDecodeReadsAll: prefill as above, but decode reads the whole buffer without a mask (code
///   that skips the mask "because seqlen == 1").
/// kPaddedBuffer: every step, prefill too, reads the whole buffer with a causal mask built for
///   the written prefix and padded with zeros (admitting) over the unwritten slots.
enum class MaskMode { kWrittenPrefix, kDecodeReadsAll, kPaddedBuffer };
/// How attention is computed.
enum class AttentionKernel { kMatmul, kSdpa, kSdpaGqa };

/// The choices one attention implementation makes.
struct Implementation {
  CacheHeads cache_heads = CacheHeads::kKvHeads;
  RepeatOrder order = RepeatOrder::kWriteThenRepeat;
  RepeatKind repeat_kind = RepeatKind::kInterleave;
  /// Which slots attention sees; only kWrittenPrefix hides the unwritten tail.
  MaskMode mask = MaskMode::kWrittenPrefix;
  /// RoPE rotates each token by its absolute position (pos + i), not its index in the step.
  bool rope_absolute_position = true;
  CacheLayout layout = CacheLayout::kBLHD;
  AttentionKernel kernel = AttentionKernel::kMatmul;

  friend bool operator==(const Implementation&, const Implementation&) = default;

  /// "cache=n_kv_heads order=write-then-repeat repeat=interleave mask=written-prefix
  /// rope=absolute layout=BLHD attention=matmul".
  std::string describe() const;
};

/// The spelling of each choice in configs, reports and flags.
std::string to_string(CacheHeads v);
std::string to_string(RepeatOrder v);
std::string to_string(RepeatKind v);
std::string to_string(MaskMode v);
std::string to_string(CacheLayout v);
std::string to_string(AttentionKernel v);

/// Every Implementation, each choice varied over all its values, in a fixed order
/// (cache heads, order, repeat kind, mask, rope, layout, kernel; first value first).
std::vector<Implementation> all_implementations();

/// Parsers for the spellings above; nullopt for anything else.
std::optional<CacheHeads> parse_cache_heads(const std::string& s);
std::optional<RepeatOrder> parse_repeat_order(const std::string& s);
std::optional<RepeatKind> parse_repeat_kind(const std::string& s);
std::optional<MaskMode> parse_mask_mode(const std::string& s);
std::optional<CacheLayout> parse_cache_layout(const std::string& s);
std::optional<AttentionKernel> parse_attention_kernel(const std::string& s);

/// Every accepted spelling of each choice, for error messages ("expected one of ...").
std::vector<std::string> cache_heads_names();
std::vector<std::string> repeat_order_names();
std::vector<std::string> repeat_kind_names();
std::vector<std::string> mask_mode_names();
std::vector<std::string> cache_layout_names();
std::vector<std::string> attention_kernel_names();

}  // namespace kvcheck::model
