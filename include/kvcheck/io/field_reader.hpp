// FieldReader: typed, located reads from one mapping of a config file. Every reader goes
// through it, so every format reports a bad value with the same words, file, line and key.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/loaded_config.hpp"
#include "kvcheck/model/attention_config.hpp"

namespace kvcheck::io {

/// Largest size accepted for any field: far above any real model, and small enough that
/// products of a few sizes (cache bytes) stay inside 64-bit integers.
inline constexpr std::int64_t kMaxSize = 2147483647;

/// The keys a field may be spelled with, preferred spelling first (`{"num_attention_heads",
/// "n_head"}`). The first one present in the mapping is read.
using Keys = std::initializer_list<std::string_view>;

/// Reads members of one mapping. Each typed read takes the canonical field it fills
/// ("n_heads", ...; empty to record nothing) and records, when the key is present, the key's
/// line in `key_lines` and its dotted spelling in `source_keys`. A null value counts as absent.
/// Every problem throws InputError(file, line of the key, dotted key, one-line message).
class FieldReader {
 public:
  /// `map` is a mapping of `doc` found at dotted path `prefix` ("" for the top level).
  FieldReader(const Document& doc, const Node& map, std::string prefix, LoadedConfig& out);

  /// The first of `keys` present with a non-null value, or nullptr.
  const Node* find(Keys keys) const;

  /// A positive integer, at most kMaxSize; nullopt when no key is present.
  std::optional<std::int64_t> positive(std::string_view field, Keys keys);
  /// As `positive`, but a missing key is an error naming the preferred spelling.
  std::int64_t required_positive(std::string_view field, Keys keys);
  /// Zero or a positive integer, at most kMaxSize.
  std::optional<std::int64_t> non_negative(std::string_view field, Keys keys);
  /// A string (scalars of other types are errors: a name of 7 is more likely a mistake).
  std::optional<std::string> string(std::string_view field, Keys keys);
  /// A name or other label: any scalar, as written; nullopt when absent or empty.
  std::optional<std::string> label(std::string_view field, Keys keys);
  /// true or false.
  std::optional<bool> boolean(std::string_view field, Keys keys);
  /// A dtype in PyTorch's spellings (see model::parse_dtype).
  std::optional<model::Dtype> dtype(std::string_view field, Keys keys);

  /// Throws at the first member whose key is not in `allowed`, listing the accepted keys.
  /// For kvcheck's own schema, where an unknown key is almost always a misspelling.
  void reject_unknown(Keys allowed) const;

  /// Records that canonical `field` was set by `member`.
  void record(std::string_view field, const Node& member);
  /// The dotted key of `member`, e.g. "text_config.num_attention_heads".
  std::string path_of(const Node& member) const;
  /// The dotted key of `key` in this mapping, present or not.
  std::string path_of(std::string_view key) const;

  /// Throws InputError at `member`'s line, naming its dotted key.
  [[noreturn]] void fail(const Node& member, const std::string& message) const;
  /// Throws InputError at this mapping's line (where a missing key belongs), naming `key`.
  [[noreturn]] void fail_absent(std::string_view key, const std::string& message) const;

 private:
  /// The integer of `member`, or an error "expected <what>, got ..." when it is not one.
  std::int64_t integer(const Node& member, std::int64_t min, const char* what) const;

  const Document& doc_;
  const Node& map_;
  std::string prefix_;
  LoadedConfig& out_;
};

}  // namespace kvcheck::io
