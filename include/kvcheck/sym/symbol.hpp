// Dimension symbols: named, independent integer unknowns with a lower bound (1 for sizes,
// 0 for slack such as the cache's spare length). Interned, so a Symbol is a small id.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace kvcheck::sym {

/// One configuration symbol. Comparison follows registration order, which is the
/// tie-break order of `smallest_counter_model` (earlier symbols get smaller values).
class Symbol {
 public:
  /// The symbol called `name`, registering it (lower bound 1) on first use.
  /// Throws std::invalid_argument as `declare` does for a new name.
  static Symbol named(std::string_view name);
  /// Registers `name` with the given lower bound (0 or 1 in practice), or returns it if it
  /// exists. Throws std::invalid_argument when `name` is not an identifier
  /// ([A-Za-z_][A-Za-z0-9_]*, so printing stays unambiguous), is "n_heads", the bound is
  /// negative, or the name exists with a different bound (a programming error).
  static Symbol declare(std::string_view name, std::int64_t lower_bound);

  const std::string& name() const;
  /// The smallest value the symbol may take: 1 for sizes and counts, 0 for slack.
  std::int64_t lower_bound() const;
  std::uint16_t id() const { return id_; }
  /// Every symbol registered so far, in registration order.
  static std::vector<Symbol> all();

  friend bool operator==(Symbol a, Symbol b) { return a.id_ == b.id_; }
  friend auto operator<=>(Symbol a, Symbol b) { return a.id_ <=> b.id_; }

 private:
  explicit Symbol(std::uint16_t id) : id_(id) {}
  std::uint16_t id_;
};

/// The configuration symbols kvcheck's attention model uses, in tie-break order.
/// `n_heads` is deliberately absent: it is `group * n_kv_heads` by construction.
namespace symbols {
Symbol batch();
Symbol prompt_len();
Symbol decode_steps();
Symbol n_kv_heads();
Symbol group();
Symbol head_dim();
Symbol hidden();
Symbol max_seq_len();
Symbol cache_spare();  ///< lower bound 0: cache length minus the tokens it must hold
Symbol chunk_len();
Symbol pos();  ///< lower bound 0: tokens already in the cache before this step
}  // namespace symbols

/// Every symbol registered so far, in registration order.
std::vector<Symbol> all_symbols();

}  // namespace kvcheck::sym
