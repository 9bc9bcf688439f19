// The whole implementation space: its classification by proof against a hand-derived table,
// every refutation's counter-model failing concretely, and the numeric search agreeing with
// the proofs on a fixed sample of implementations.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "kvcheck/check/classify.hpp"
#include "kvcheck/check/replay.hpp"
#include "kvcheck/check/verdict.hpp"

namespace kvcheck::check {
namespace {

constexpr std::uint64_t kSeed = 20261201;

std::string trim(const std::string& s) {
  const auto a = s.find_first_not_of(' ');
  const auto b = s.find_last_not_of(' ');
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::set<std::string> words(const std::string& s) {
  std::set<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) {
    if (w != "none") out.insert(w);
  }
  return out;
}

TEST(ImplementationSpace, ClassificationMatchesTheHandDerivedTable) {
  std::ifstream in(std::string(KVCHECK_SOURCE_DIR) + "/fixtures/classification/implementations.txt");
  ASSERT_TRUE(in) << "fixtures/classification/implementations.txt";
  int rows = 0;
  for (std::string line; std::getline(in, line);) {
    if (line.empty() || line[0] == '#') continue;
    const auto bar = line.find('|');
    const auto bar2 = line.find('|', bar + 1);
    ASSERT_NE(bar2, std::string::npos) << line;
    const std::string spec = trim(line.substr(0, bar));
    const std::set<std::string> expected = words(line.substr(bar + 1, bar2 - bar - 1));
    const Classification c = classify(parse_impl_spec(spec));
    const std::vector<std::string> got = c.refuted();
    EXPECT_EQ(std::set<std::string>(got.begin(), got.end()), expected) << spec;
    EXPECT_FALSE(c.undecided()) << spec;
    ++rows;
  }
  EXPECT_GE(rows, 20);
}

TEST(ImplementationSpace, EveryImplementationIsDecided) {
  const std::vector<Classification> all = classify_all();
  EXPECT_EQ(all.size(), 576u);
  std::size_t correct = 0;
  for (const Classification& c : all) {
    EXPECT_FALSE(c.undecided()) << c.impl.describe();
    correct += c.correct() ? 1 : 0;
  }
  // fixed and bhld-layout with each of the three attention kernels (6), and no-repeat with
  // enable_gqa in both layouts, where the repeat kind is unused (4).
  EXPECT_EQ(correct, 10u);
}

TEST(ImplementationSpace, EveryCounterModelFailsConcretely) {
  for (const Classification& c : classify_all()) {
    for (std::size_t k = 0; k < c.proofs.size(); ++k) {
      const props::Proof& proof = c.proofs[k];
      if (proof.truth != sym::Truth::kRefuted) continue;
      ASSERT_TRUE(proof.failure && proof.failure->error.smallest) << c.impl.describe();
      const props::Property& property = *c.properties[k];
      const props::Case counter{property.adapt(config_of(*proof.failure->error.smallest)),
                                c.impl, kSeed};
      EXPECT_TRUE(property.check(counter).has_value())
          << c.impl.describe() << " / " << property.id() << ": refuted at "
          << config_spec(counter.config) << " (" << proof.message << "), which passes";
    }
  }
}

TEST(ImplementationSpace, SearchAgreesWithTheProofOnASample) {
  SearchParams params;
  params.seed = kSeed;
  params.max_success = 40;
  const std::vector<model::Implementation> all = model::all_implementations();
  // Every 9th implementation: 64 of 576, covering every value of every choice.
  for (std::size_t n = 0; n < all.size(); n += 9) {
    for (const props::Property* property : props::property_registry()) {
      const Verdict v = verify("sample", all[n], *property, params);
      EXPECT_NE(v.status, Status::kInconsistent) << all[n].describe() << " / " << property->id()
                                                 << ": " << v.note;
      EXPECT_NE(v.status, Status::kUnknown) << all[n].describe() << " / " << property->id();
      const bool refuted = v.proof && v.proof->truth == sym::Truth::kRefuted;
      EXPECT_EQ(refuted, v.fails()) << all[n].describe() << " / " << property->id();
    }
  }
}

}  // namespace
}  // namespace kvcheck::check
