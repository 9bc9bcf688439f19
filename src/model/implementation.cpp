// Implementation choices: their spellings in configs, flags and reports.
#include "kvcheck/model/implementation.hpp"

#include <array>
#include <utility>

namespace kvcheck::model {
namespace {

template <class E, std::size_t N>
using Names = std::array<std::pair<E, const char*>, N>;

constexpr Names<CacheHeads, 2> kCacheHeads{{{CacheHeads::kKvHeads, "n_kv_heads"},
                                            {CacheHeads::kHeads, "n_heads"}}};
constexpr Names<RepeatOrder, 4> kOrders{{{RepeatOrder::kWriteThenRepeat, "write-then-repeat"},
                                         {RepeatOrder::kRepeatThenWrite, "repeat-then-write"},
                                         {RepeatOrder::kRepeatBothSides, "repeat-both-sides"},
                                         {RepeatOrder::kNoRepeat, "no-repeat"}}};
constexpr Names<RepeatKind, 2> kKinds{{{RepeatKind::kInterleave, "interleave"},
                                       {RepeatKind::kTile, "tile"}}};
constexpr Names<MaskMode, 3> kMasks{{{MaskMode::kWrittenPrefix, "written-prefix"},
                                      {MaskMode::kDecodeReadsAll, "decode-reads-all"},
                                      {MaskMode::kPaddedBuffer, "padded-buffer"}}};
constexpr Names<CacheLayout, 2> kLayouts{{{CacheLayout::kBLHD, "BLHD"},
                                          {CacheLayout::kBHLD, "BHLD"}}};
constexpr Names<AttentionKernel, 3> kKernels{{{AttentionKernel::kMatmul, "matmul"},
                                              {AttentionKernel::kSdpa, "sdpa"},
                                              {AttentionKernel::kSdpaGqa, "sdpa-enable-gqa"}}};

template <class E, std::size_t N>
std::string name_of(const Names<E, N>& table, E v) {
  for (const auto& [e, name] : table) {
    if (e == v) return name;
  }
  return "?";
}

template <class E, std::size_t N>
std::optional<E> parse(const Names<E, N>& table, const std::string& s) {
  for (const auto& [e, name] : table) {
    if (s == name) return e;
  }
  return std::nullopt;
}

template <class E, std::size_t N>
std::vector<std::string> all_names(const Names<E, N>& table) {
  std::vector<std::string> out;
  for (const auto& entry : table) out.emplace_back(entry.second);
  return out;
}

}  // namespace

std::string to_string(CacheHeads v) { return name_of(kCacheHeads, v); }
std::string to_string(RepeatOrder v) { return name_of(kOrders, v); }
std::string to_string(RepeatKind v) { return name_of(kKinds, v); }
std::string to_string(MaskMode v) { return name_of(kMasks, v); }
std::string to_string(CacheLayout v) { return name_of(kLayouts, v); }
std::string to_string(AttentionKernel v) { return name_of(kKernels, v); }

std::optional<CacheHeads> parse_cache_heads(const std::string& s) { return parse(kCacheHeads, s); }
std::optional<RepeatOrder> parse_repeat_order(const std::string& s) { return parse(kOrders, s); }
std::optional<RepeatKind> parse_repeat_kind(const std::string& s) { return parse(kKinds, s); }
std::optional<MaskMode> parse_mask_mode(const std::string& s) { return parse(kMasks, s); }
std::optional<CacheLayout> parse_cache_layout(const std::string& s) { return parse(kLayouts, s); }
std::optional<AttentionKernel> parse_attention_kernel(const std::string& s) {
  return parse(kKernels, s);
}

std::vector<std::string> cache_heads_names() { return all_names(kCacheHeads); }
std::vector<std::string> repeat_order_names() { return all_names(kOrders); }
std::vector<std::string> repeat_kind_names() { return all_names(kKinds); }
std::vector<std::string> mask_mode_names() { return all_names(kMasks); }
std::vector<std::string> cache_layout_names() { return all_names(kLayouts); }
std::vector<std::string> attention_kernel_names() { return all_names(kKernels); }

std::string Implementation::describe() const {
  return "cache=" + to_string(cache_heads) + " order=" + to_string(order) +
         " repeat=" + to_string(repeat_kind) + " mask=" + to_string(mask) +
         " rope=" + (rope_absolute_position ? "absolute" : "step-relative") +
         " layout=" + to_string(layout) + " attention=" + to_string(kernel);
}

}  // namespace kvcheck::model

namespace kvcheck::model {

std::vector<Implementation> all_implementations() {
  std::vector<Implementation> out;
  for (const auto& [heads, n1] : kCacheHeads) {
    for (const auto& [order, n2] : kOrders) {
      for (const auto& [kind, n3] : kKinds) {
        for (const auto& [mask, n4] : kMasks) {
          for (const bool absolute : {true, false}) {
            for (const auto& [layout, n5] : kLayouts) {
              for (const auto& [kernel, n6] : kKernels) {
                Implementation impl;
                impl.cache_heads = heads;
                impl.order = order;
                impl.repeat_kind = kind;
                impl.mask = mask;
                impl.rope_absolute_position = absolute;
                impl.layout = layout;
                impl.kernel = kernel;
                out.push_back(impl);
              }
            }
          }
        }
      }
    }
  }
  return out;
}

}  // namespace kvcheck::model
