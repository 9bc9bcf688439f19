// The symbol registry: interned names with lower bounds, in registration order.
#include "kvcheck/sym/symbol.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <mutex>
#include <stdexcept>

namespace kvcheck::sym {
namespace {

struct Entry {
  std::string name;
  std::int64_t lower_bound;
};

// A deque keeps references to names stable while new symbols are appended.
struct Registry {
  std::mutex mutex;
  std::deque<Entry> entries;

  Registry() {
    // Builtins first, so their order (the counter-model tie-break) never depends on
    // which code asked for a symbol first.
    for (const char* name : {"batch", "prompt_len", "decode_steps", "n_kv_heads", "group",
                             "head_dim", "hidden", "max_seq_len"}) {
      entries.push_back({name, 1});
    }
    entries.push_back({"cache_spare", 0});
    entries.push_back({"chunk_len", 1});
    entries.push_back({"pos", 0});
  }

  /// The index of `name`, or entries.size() when it is not registered. Caller holds mutex.
  std::size_t find(std::string_view name) const {
    std::size_t i = 0;
    while (i < entries.size() && entries[i].name != name) ++i;
    return i;
  }
};

Registry& registry() {
  static Registry r;
  return r;
}

bool identifier_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool identifier_char(char c) {
  return identifier_start(c) || std::isdigit(static_cast<unsigned char>(c));
}

/// Identifier names keep printing unambiguous: a symbol called "a*b" or "n_heads" would
/// print exactly like a different polynomial.
void check_new_symbol(std::string_view name, std::int64_t lower_bound) {
  if (name.empty() || !identifier_start(name.front()) ||
      !std::all_of(name.begin(), name.end(), identifier_char)) {
    throw std::invalid_argument("dimension symbol '" + std::string(name) +
                                "' is not an identifier");
  }
  if (name == "n_heads") {
    throw std::invalid_argument("n_heads is group * n_kv_heads, not a free symbol");
  }
  if (lower_bound < 0) {
    throw std::invalid_argument("dimension symbol '" + std::string(name) +
                                "' needs a lower bound >= 0");
  }
}

}  // namespace

Symbol Symbol::declare(std::string_view name, std::int64_t lower_bound) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  const std::size_t i = r.find(name);
  if (i < r.entries.size()) {
    // Thrown rather than asserted: every build defines NDEBUG, and a silently ignored bound
    // would change counter-models.
    if (r.entries[i].lower_bound != lower_bound) {
      throw std::invalid_argument("dimension symbol '" + std::string(name) +
                                  "' redeclared with lower bound " +
                                  std::to_string(lower_bound) + " (was " +
                                  std::to_string(r.entries[i].lower_bound) + ")");
    }
    return Symbol(static_cast<std::uint16_t>(i));
  }
  check_new_symbol(name, lower_bound);
  if (r.entries.size() >= 0xFFFF) throw std::length_error("too many dimension symbols");
  r.entries.push_back({std::string(name), lower_bound});
  return Symbol(static_cast<std::uint16_t>(r.entries.size() - 1));
}

Symbol Symbol::named(std::string_view name) {
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    const std::size_t i = r.find(name);
    if (i < r.entries.size()) return Symbol(static_cast<std::uint16_t>(i));
  }
  return declare(name, 1);
}

const std::string& Symbol::name() const {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  return r.entries[id_].name;
}

std::int64_t Symbol::lower_bound() const {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  return r.entries[id_].lower_bound;
}

std::vector<Symbol> Symbol::all() {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  std::vector<Symbol> out;
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    out.push_back(Symbol(static_cast<std::uint16_t>(i)));
  }
  return out;
}

std::vector<Symbol> all_symbols() { return Symbol::all(); }

namespace symbols {
Symbol batch() {
  static const Symbol s = Symbol::named("batch");
  return s;
}
Symbol prompt_len() {
  static const Symbol s = Symbol::named("prompt_len");
  return s;
}
Symbol decode_steps() {
  static const Symbol s = Symbol::named("decode_steps");
  return s;
}
Symbol n_kv_heads() {
  static const Symbol s = Symbol::named("n_kv_heads");
  return s;
}
Symbol group() {
  static const Symbol s = Symbol::named("group");
  return s;
}
Symbol head_dim() {
  static const Symbol s = Symbol::named("head_dim");
  return s;
}
Symbol hidden() {
  static const Symbol s = Symbol::named("hidden");
  return s;
}
Symbol max_seq_len() {
  static const Symbol s = Symbol::named("max_seq_len");
  return s;
}
Symbol cache_spare() {
  static const Symbol s = Symbol::named("cache_spare");
  return s;
}
Symbol chunk_len() {
  static const Symbol s = Symbol::named("chunk_len");
  return s;
}
Symbol pos() {
  static const Symbol s = Symbol::named("pos");
  return s;
}
}  // namespace symbols

}  // namespace kvcheck::sym
