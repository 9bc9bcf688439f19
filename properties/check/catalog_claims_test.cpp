// The catalog's claims as executable specifications: the fixed order holds everywhere, and
// every wrong ordering is found and shrunk to its documented smallest configuration.
#include <gtest/gtest.h>

#include "kvcheck/check/replay.hpp"
#include "kvcheck/check/search.hpp"
#include "kvcheck/check/verify_run.hpp"
#include "kvcheck/model/variant.hpp"

namespace kvcheck::check {
namespace {

constexpr std::uint64_t kSeed = 20261128;

SearchParams params(int cases) {
  SearchParams p;
  p.seed = kSeed;
  p.max_success = cases;
  return p;
}

const model::Implementation& impl_of(const std::string& variant) {
  return model::find_variant(variant)->impl;
}

/// A correct variant and how many generated configs every property must hold on.
struct Correct {
  std::string variant;
  int cases;
};

void PrintTo(const Correct& c, std::ostream* os) { *os << c.variant; }

class CorrectVariant : public ::testing::TestWithParam<Correct> {};

TEST_P(CorrectVariant, EveryPropertyHoldsOnEveryGeneratedConfig) {
  for (const props::Property* property : props::property_registry()) {
    const SearchResult r = search(*property, impl_of(GetParam().variant), params(GetParam().cases));
    EXPECT_TRUE(r.error.empty()) << r.error;
    EXPECT_FALSE(r.failed()) << property->id() << ": " << r.failure->message << " on "
                             << config_spec(r.counterexample->config);
    EXPECT_EQ(r.cases, GetParam().cases) << property->id();
  }
}

INSTANTIATE_TEST_SUITE_P(Catalog, CorrectVariant,
                         ::testing::Values(Correct{"fixed", 1000}, Correct{"sdpa-enable-gqa", 300},
                                           Correct{"bhld-layout", 300}));

/// A wrong variant, a property it breaks, and the smallest config the search must end on.
struct Smallest {
  std::string variant;
  std::string property;
  std::string config;
};

void PrintTo(const Smallest& s, std::ostream* os) { *os << s.variant << "/" << s.property; }

class WrongVariant : public ::testing::TestWithParam<Smallest> {};

TEST_P(WrongVariant, SearchShrinksToTheDocumentedSmallestConfig) {
  const Smallest& expected = GetParam();
  const SearchResult r =
      search(*props::find_property(expected.property), impl_of(expected.variant), params(200));
  ASSERT_TRUE(r.failed()) << "no counterexample found";
  EXPECT_EQ(config_spec(r.counterexample->config), expected.config);
  // The shrunk case replays to the same finding.
  EXPECT_EQ(props::find_property(expected.property)->check(*r.counterexample)->message,
            r.failure->message);
}

const std::string kGroupOf2 =
    "n_heads=2 n_kv_heads=1 head_dim=1 hidden=1 batch=1 prompt_len=1 decode_steps=0 "
    "max_seq_len=1";
const std::string kTwoKvHeadsGroupOf2 =
    "n_heads=4 n_kv_heads=2 head_dim=1 hidden=1 batch=1 prompt_len=1 decode_steps=0 "
    "max_seq_len=1";

INSTANTIATE_TEST_SUITE_P(
    Catalog, WrongVariant,
    ::testing::Values(
        Smallest{"cache-sized-by-n_heads", "shape-safety", kGroupOf2},
        Smallest{"cache-sized-by-n_heads", "output-equivalence", kGroupOf2},
        Smallest{"cache-sized-by-n_heads", "cache-footprint", kGroupOf2},
        Smallest{"repeat-then-cache", "cache-footprint", kGroupOf2},
        Smallest{"repeat-then-cache-kv-sized", "shape-safety", kGroupOf2},
        Smallest{"double-repeat", "shape-safety", kGroupOf2},
        Smallest{"no-repeat", "shape-safety", kTwoKvHeadsGroupOf2},
        Smallest{"tile-repeat", "output-equivalence", kTwoKvHeadsGroupOf2},
        Smallest{"tile-repeat", "head-mapping", kTwoKvHeadsGroupOf2},
        Smallest{"unmasked-cache-tail", "output-equivalence",
                 "n_heads=1 n_kv_heads=1 head_dim=1 hidden=1 batch=1 prompt_len=1 "
                 "decode_steps=1 max_seq_len=3"},
        // Two tokens and two dims: the second token rotated from position 0. With this seed
        // the search meets it as a second prefill chunk; one decode step is equally small.
        Smallest{"rope-position-reset", "output-equivalence",
                 "n_heads=1 n_kv_heads=1 head_dim=2 hidden=1 batch=1 prompt_len=2 "
                 "decode_steps=0 max_seq_len=2 prefill_chunk=1"}));

/// For every catalog variant, the symbolic prover and the concrete search agree: a property
/// proved for all configs is never failed by the search, and a refuted one is always found.
TEST(ProverAndSearch, AgreeOnEveryVariant) {
  for (const model::Variant& variant : model::variant_catalog()) {
    for (const props::Property* property : props::property_registry()) {
      const auto proof = property->prove(variant.impl);
      if (!proof) continue;
      const SearchResult r = search(*property, variant.impl, params(300));
      const bool refuted = proof->truth == sym::Truth::kRefuted;
      EXPECT_EQ(refuted, r.failed()) << variant.name << "/" << property->id();
      if (!refuted || !r.failed() || property->id() != "shape-safety") continue;
      // Both name the same smallest head counts.
      const sym::Assignment& witness = *proof->failure->error.smallest;
      const auto group = witness.get_or_lower_bound(sym::symbols::group());
      const auto kv = witness.get_or_lower_bound(sym::symbols::n_kv_heads());
      EXPECT_EQ(r.counterexample->config.n_kv_heads, kv) << variant.name;
      EXPECT_EQ(r.counterexample->config.n_heads, group * kv) << variant.name;
    }
  }
}

/// The verdict matrix equals the catalog for every variant and property.
TEST(VerifyRun, MatrixMatchesTheCatalog) {
  VerifyOptions options;
  options.params = params(100);
  const VerifyRun run = run_verify(options);
  for (const Verdict& v : run.verdicts) {
    EXPECT_TRUE(matches_catalog(v)) << v.variant << "/" << v.property << ": " << to_string(v.status);
  }
  EXPECT_EQ(run.mismatches(), 0);
}

}  // namespace
}  // namespace kvcheck::check
