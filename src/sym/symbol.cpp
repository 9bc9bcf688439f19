// The symbol registry: interned names with lower bounds, in registration order.
#include "kvcheck/sym/symbol.hpp"

#include <cassert>
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
};

Registry& registry() {
  static Registry r;
  return r;
}

}  // namespace

Symbol Symbol::declare(std::string_view name, std::int64_t lower_bound) {
  Registry& r = registry();
  std::lock_guard lock(r.mutex);
  for (std::size_t i = 0; i < r.entries.size(); ++i) {
    if (r.entries[i].name == name) {
      assert(r.entries[i].lower_bound == lower_bound && "symbol redeclared with another bound");
      return Symbol(static_cast<std::uint16_t>(i));
    }
  }
  if (r.entries.size() >= 0xFFFF) throw std::length_error("too many dimension symbols");
  if (name == "n_heads") {
    throw std::invalid_argument("n_heads is group * n_kv_heads, not a free symbol");
  }
  r.entries.push_back({std::string(name), lower_bound});
  return Symbol(static_cast<std::uint16_t>(r.entries.size() - 1));
}

Symbol Symbol::named(std::string_view name) {
  {
    Registry& r = registry();
    std::lock_guard lock(r.mutex);
    for (std::size_t i = 0; i < r.entries.size(); ++i) {
      if (r.entries[i].name == name) return Symbol(static_cast<std::uint16_t>(i));
    }
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
