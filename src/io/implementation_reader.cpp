// The `implementation:` block of kvcheck's own format: a catalog variant by name, or the
// individual choices with the spellings implementation.hpp defines.
#include <optional>
#include <vector>

#include "kvcheck/io/field_reader.hpp"
#include "kvcheck/io/kvcheck_reader.hpp"
#include "kvcheck/io/reader_support.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::io {
namespace {

/// RoPE's position choice has no enum of its own (it is a bool in Implementation).
std::optional<bool> parse_rope(const std::string& s) {
  if (s == "absolute") return true;
  if (s == "step-relative") return false;
  return std::nullopt;
}

/// Reads the choice spelled by `key` into `target` when present; an unknown spelling fails
/// listing `names`, the accepted ones.
template <class T, class Parse>
void read_choice(FieldReader& r, const char* key, Parse parse,
                 const std::vector<std::string>& names, T& target) {
  const auto spelling = r.string(key, {key});
  if (!spelling) return;
  const auto parsed = parse(*spelling);
  if (!parsed) {
    const Node& member = *r.find({key});
    r.fail(member, std::string("unknown ") + key + " " + quoted(member) +
                       "; expected one of: " + join_names(names));
  }
  target = *parsed;
}

void read_variant(FieldReader& r, const Node& block, LoadedConfig& out) {
  const std::string name = *r.string("variant", {"variant"});
  const model::Variant* variant = model::find_variant(name);
  const Node& member = *r.find({"variant"});
  if (variant == nullptr) {
    r.fail(member, "unknown variant " + quoted(member) +
                       "; expected one of: " + join_names(model::variant_names()));
  }
  // A variant plus a choice would be a second, unnamed implementation: say which to keep.
  for (const Node& other : block.children) {
    if (other.key != "variant") {
      r.fail(other, "cannot be combined with variant (line " + std::to_string(member.line) +
                        "); give a catalog variant or individual choices");
    }
  }
  out.impl = variant->impl;
  out.variant = name;
}

}  // namespace

void read_implementation_block(const Document& doc, const Node& member, const std::string& prefix,
                               LoadedConfig& out) {
  FieldReader parent(doc, member, prefix, out);
  if (!member.is_map()) parent.fail(member, "expected a mapping, got " + describe(member));
  FieldReader r(doc, member, parent.path_of(member), out);
  r.reject_unknown({"variant", "cache_heads", "order", "repeat", "mask", "mask_unwritten", "rope",
                    "layout", "attention"});
  if (r.find({"variant"}) != nullptr) {
    read_variant(r, member, out);
    return;
  }
  model::Implementation impl;
  read_choice(r, "cache_heads", model::parse_cache_heads, model::cache_heads_names(),
              impl.cache_heads);
  read_choice(r, "order", model::parse_repeat_order, model::repeat_order_names(), impl.order);
  read_choice(r, "repeat", model::parse_repeat_kind, model::repeat_kind_names(), impl.repeat_kind);
  // mask_unwritten (true/false) is the spelling from before the mask had three modes.
  if (auto mask = r.boolean("mask_unwritten", {"mask_unwritten"})) {
    impl.mask = *mask ? model::MaskMode::kWrittenPrefix : model::MaskMode::kDecodeReadsAll;
  }
  read_choice(r, "mask", model::parse_mask_mode, model::mask_mode_names(), impl.mask);
  read_choice(r, "rope", parse_rope, {"absolute", "step-relative"}, impl.rope_absolute_position);
  read_choice(r, "layout", model::parse_cache_layout, model::cache_layout_names(), impl.layout);
  read_choice(r, "attention", model::parse_attention_kernel, model::attention_kernel_names(),
              impl.kernel);
  out.impl = impl;
}

}  // namespace kvcheck::io
