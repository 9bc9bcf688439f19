// Symbol: the registry's builtin order and bounds, interning, and rejected declarations.
#include "kvcheck/sym/symbol.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace kvcheck::sym {
namespace {

struct Builtin {
  Symbol symbol;
  std::string name;
  std::int64_t lower_bound;
};

// The tie-break order of counter-models: changing it changes every reported configuration.
std::vector<Builtin> builtins() {
  return {
      {symbols::batch(), "batch", 1},         {symbols::prompt_len(), "prompt_len", 1},
      {symbols::decode_steps(), "decode_steps", 1}, {symbols::n_kv_heads(), "n_kv_heads", 1},
      {symbols::group(), "group", 1},         {symbols::head_dim(), "head_dim", 1},
      {symbols::hidden(), "hidden", 1},       {symbols::max_seq_len(), "max_seq_len", 1},
      {symbols::cache_spare(), "cache_spare", 0}, {symbols::chunk_len(), "chunk_len", 1},
      {symbols::pos(), "pos", 0},
  };
}

TEST(Symbol, BuiltinsHaveFixedNamesBoundsAndOrder) {
  const auto table = builtins();
  const std::vector<Symbol> all = all_symbols();
  ASSERT_GE(all.size(), table.size());
  for (std::size_t i = 0; i < table.size(); ++i) {
    SCOPED_TRACE(table[i].name);
    EXPECT_EQ(table[i].symbol.name(), table[i].name);
    EXPECT_EQ(table[i].symbol.lower_bound(), table[i].lower_bound);
    EXPECT_EQ(table[i].symbol.id(), i);
    EXPECT_EQ(all[i], table[i].symbol);
    EXPECT_EQ(Symbol::named(table[i].name), table[i].symbol);
    if (i > 0) {
      EXPECT_LT(table[i - 1].symbol, table[i].symbol);
    }
  }
  EXPECT_EQ(Symbol::all(), all);
}

TEST(Symbol, NewNamesAreInternedAfterTheBuiltins) {
  const Symbol a = Symbol::named("symbol_test_vocab");
  EXPECT_EQ(Symbol::named("symbol_test_vocab"), a);
  EXPECT_EQ(a.name(), "symbol_test_vocab");
  EXPECT_EQ(a.lower_bound(), 1);
  EXPECT_LT(symbols::pos(), a);
  const Symbol b = Symbol::declare("symbol_test_slack", 0);
  EXPECT_EQ(b.lower_bound(), 0);
  EXPECT_EQ(Symbol::declare("symbol_test_slack", 0), b);
  EXPECT_EQ(Symbol::named("symbol_test_slack"), b);
  EXPECT_LT(a, b);
}

struct BadDeclaration {
  std::string name;
  std::int64_t lower_bound;
  std::string message;
};

TEST(Symbol, RejectsDeclarationsThatWouldMakeDimsAmbiguous) {
  const std::vector<BadDeclaration> table = {
      {"", 1, "dimension symbol '' is not an identifier"},
      {"2x", 1, "dimension symbol '2x' is not an identifier"},
      {"a*b", 1, "dimension symbol 'a*b' is not an identifier"},
      {"n kv", 1, "dimension symbol 'n kv' is not an identifier"},
      {"max-seq-len", 1, "dimension symbol 'max-seq-len' is not an identifier"},
      {"n_heads", 1, "n_heads is group * n_kv_heads, not a free symbol"},
      {"symbol_test_negative", -1,
       "dimension symbol 'symbol_test_negative' needs a lower bound >= 0"},
      {"batch", 0, "dimension symbol 'batch' redeclared with lower bound 0 (was 1)"},
      {"pos", 1, "dimension symbol 'pos' redeclared with lower bound 1 (was 0)"},
  };
  const std::size_t registered = all_symbols().size();
  for (const auto& row : table) {
    SCOPED_TRACE(row.name);
    try {
      Symbol::declare(row.name, row.lower_bound);
      ADD_FAILURE() << "declared";
    } catch (const std::invalid_argument& e) {
      EXPECT_EQ(std::string(e.what()), row.message);
    }
  }
  EXPECT_THROW(Symbol::named("a*b"), std::invalid_argument);
  EXPECT_THROW(Symbol::named("n_heads"), std::invalid_argument);
  EXPECT_EQ(all_symbols().size(), registered);
}

TEST(Symbol, AcceptsIdentifierNames) {
  for (const char* name : {"_x", "x1", "Vocab_Size", "layer_0"}) {
    SCOPED_TRACE(name);
    EXPECT_EQ(Symbol::named(name).name(), name);
  }
}

}  // namespace
}  // namespace kvcheck::sym
