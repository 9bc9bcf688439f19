// The fixture set in fixtures/scan: every file's findings, rule by rule and line by line,
// against fixtures/scan/expected.tsv; the fixed twins and look-alikes have none.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "kvcheck/scan/scan.hpp"

namespace kvcheck::scan {
namespace {

const std::string kFolder = std::string(KVCHECK_SOURCE_DIR) + "/fixtures/scan";

/// expected.tsv: file -> {"rule:line"}.
std::map<std::string, std::multiset<std::string>> expected() {
  std::map<std::string, std::multiset<std::string>> out;
  std::ifstream in(kFolder + "/expected.tsv");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream cols(line);
    std::string file, rules, lines;
    std::getline(cols, file, '\t');
    std::getline(cols, rules, '\t');
    std::getline(cols, lines, '\t');
    auto& set = out[file];
    if (rules == "-") continue;
    std::istringstream r(rules), l(lines);
    std::string rule, at;
    while (std::getline(r, rule, ',') && std::getline(l, at, ',')) set.insert(rule + ":" + at);
  }
  return out;
}

class Fixtures : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { result_ = new ScanResult(scan(ScanOptions{{kFolder}, {}})); }
  static void TearDownTestSuite() { delete result_; }
  static std::string relative(const std::string& path) {
    return path.rfind(kFolder + "/", 0) == 0 ? path.substr(kFolder.size() + 1) : path;
  }
  static ScanResult* result_;
};

ScanResult* Fixtures::result_ = nullptr;

TEST_F(Fixtures, EveryFileHasExactlyItsExpectedFindings) {
  const auto want = expected();
  ASSERT_GE(want.size(), 40u);
  std::map<std::string, std::multiset<std::string>> got;
  for (const std::string& f : result_->files) got[relative(f)];
  for (const Finding& f : result_->findings) {
    got[relative(f.where.file)].insert(f.rule + ":" + std::to_string(f.where.at.line));
  }
  for (const auto& [file, rules] : want) {
    ASSERT_TRUE(got.count(file)) << file << " was not scanned";
    EXPECT_EQ(got[file], rules) << file;
  }
  for (const auto& [file, rules] : got) EXPECT_TRUE(want.count(file)) << file << " is not in expected.tsv";
}

TEST_F(Fixtures, EveryFindingSaysWhenWhereAndHowToFix) {
  ASSERT_FALSE(result_->findings.empty());
  for (const Finding& f : result_->findings) {
    SCOPED_TRACE(f.where.to_string() + " " + f.rule);
    EXPECT_FALSE(f.message.empty());
    EXPECT_FALSE(f.code.empty());
    EXPECT_FALSE(f.condition.empty());
    EXPECT_FALSE(f.smallest.empty());
    EXPECT_FALSE(f.fix.empty());
    EXPECT_FALSE(f.site.empty());
    if (f.rule == "cache-footprint") {
      EXPECT_EQ(f.memory_factor, "group");
    }
    if (f.rule == "shape-safety") {
      EXPECT_FALSE(f.related.empty()) << "the allocation";
    }
  }
}

TEST_F(Fixtures, ASyntaxErrorIsANoteAtItsLineAndTheScanGoesOn) {
  ASSERT_EQ(result_->notes.size(), 1u);
  EXPECT_EQ(relative(result_->notes.front().path), "syntax_error.py");
  EXPECT_EQ(result_->notes.front().line, 30);
  EXPECT_GT(result_->findings.size(), 20u);
}

TEST_F(Fixtures, AnExcludedFileIsNotRead) {
  const ScanResult r = scan(ScanOptions{{kFolder}, {"meta_*", "split_cache"}});
  for (const std::string& f : r.files) {
    EXPECT_EQ(relative(f).rfind("meta_", 0), std::string::npos) << f;
  }
  EXPECT_LT(r.files.size(), result_->files.size());
}

}  // namespace
}  // namespace kvcheck::scan
