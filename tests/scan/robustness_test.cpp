// Bad input to the scan: a note or an Unknown, never a crash, a hang or unbounded work.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "scan_test_support.hpp"

namespace kvcheck::scan {
namespace {

using ::testing::IsEmpty;

class Robustness : public testing::ScanTest {};

TEST_F(Robustness, BinaryAndNonUtf8FilesAreNotes) {
  write("bin.py", std::string("import torch\n\0\x01\x02", 16));
  write("latin1.py", "x = 'caf\xe9'\n");
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  ASSERT_EQ(result_.notes.size(), 2u);
  EXPECT_NE(result_.notes[0].message.find("binary"), std::string::npos);
  EXPECT_NE(result_.notes[1].message.find("UTF-8"), std::string::npos);
}

TEST_F(Robustness, DeeplyNestedExpressionsAreUnknown) {
  // 50,000 nested parentheses and lists: no stack overflow, the file is analysed.
  write("deep.py", "x = " + std::string(50000, '(') + "1" + std::string(50000, ')') + "\n" +
                       "y = " + std::string(20000, '[') + std::string(20000, ']') + "\n");
  EXPECT_THAT(rules_and_lines(), IsEmpty());
}

TEST_F(Robustness, ImportCyclesAndRecursionEnd) {
  write("a.py", "from b import g\n\ndef f(x):\n    return g(x)\n\nclass A:\n    def forward(self, x):\n        return f(x)\n");
  write("b.py", "from a import f\n\ndef g(x):\n    return f(x)\n");
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  ASSERT_FALSE(result_.sites.empty());
}

TEST_F(Robustness, ExponentialWorkIsCutByTheStepBudget) {
  // Each helper calls the one below it twice: 2^20 calls from 20 small functions. The step
  // budget stops the site, with a note saying so.
  std::string text = "def f0(x):\n    return x + 1\n";
  for (int k = 1; k <= 20; ++k) {
    text += "def f" + std::to_string(k) + "(x):\n    return f" + std::to_string(k - 1) + "(f" +
            std::to_string(k - 1) + "(x))\n";
  }
  text += "class M:\n    def forward(self, x):\n        return f20(x)\n";
  write("big.py", text);
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  bool budget = false;
  for (const SiteTrace& s : result_.sites) {
    for (const GaveUp& g : s.gave_up) budget = budget || g.reason.find("budget") != std::string::npos;
  }
  EXPECT_TRUE(budget);
}

TEST_F(Robustness, AFileOfManyExpensiveSitesIsCutByTheFileBudget) {
  // 40 classes whose forward each spends the site budget: after the file budget the rest
  // are skipped, each with a note.
  std::string text = "def f0(x):\n    return x + 1\n";
  for (int k = 1; k <= 20; ++k) {
    text += "def f" + std::to_string(k) + "(x):\n    return f" + std::to_string(k - 1) + "(f" +
            std::to_string(k - 1) + "(x))\n";
  }
  for (int c = 0; c < 40; ++c) {
    text += "class M" + std::to_string(c) + ":\n    def forward(self, x):\n        return f20(x)\n";
  }
  write("many.py", text);
  EXPECT_THAT(rules_and_lines(), IsEmpty());
  int skipped = 0;
  for (const SiteTrace& s : result_.sites) {
    for (const GaveUp& g : s.gave_up) skipped += g.reason.find("steps per file") != std::string::npos;
  }
  EXPECT_GT(skipped, 20);
}

}  // namespace
}  // namespace kvcheck::scan
