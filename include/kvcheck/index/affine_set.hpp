// AffineSet: sets of integer points bounded by affine constraints (Presburger sets), decided
// by isl, the integer set library. The position and mask obligations are such sets.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace kvcheck::index {

/// An isl set over named dims. Immutable value; operations return new sets.
class AffineSet {
 public:
  /// Parses isl's notation, e.g. "{ [P, i] : P >= 1 and 0 <= i < P }". A malformed text is
  /// a bug of the caller: std::logic_error with isl's message.
  static AffineSet parse(const std::string& text);

  AffineSet unite(const AffineSet& other) const;
  AffineSet intersect(const AffineSet& other) const;
  AffineSet subtract(const AffineSet& other) const;
  /// The set of the first `keep` dims of the points (the rest projected out).
  AffineSet project_prefix(std::size_t keep) const;
  /// The set with dims [first, first + n) projected out.
  AffineSet project_out(std::size_t first, std::size_t n) const;

  bool is_empty() const;
  /// The lexicographically smallest point, or nullopt when empty (or unbounded below).
  std::optional<std::vector<std::int64_t>> lexmin() const;
  /// The set simplified in the context of `context` (what always holds), with the given
  /// names for its dims, as constraints joined by " and " per piece and " or " between
  /// pieces: "decode_steps >= 1 and cache_spare >= 1".
  /// A constraint whose whole text is a key of `phrases` is replaced by its value
  /// ("chunk_len = 0" -> "prefill is not chunked").
  std::string describe(const AffineSet& context, const std::vector<std::string>& names,
                       const std::map<std::string, std::string>& phrases = {}) const;
  std::string to_string() const;

  ~AffineSet();
  AffineSet(const AffineSet& other);
  AffineSet& operator=(const AffineSet& other);

 private:
  struct Impl;
  explicit AffineSet(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace kvcheck::index
