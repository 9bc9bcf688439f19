// The op registry is complete: exactly the ops with rules are listed, each documented, and
// each has its header, source and test, all naming the same source of truth.
#include "kvcheck/shape/op_registry.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>

namespace kvcheck::shape {
namespace {

namespace fs = std::filesystem;

const fs::path kRoot = KVCHECK_SOURCE_DIR;

std::string read_text(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++n;
  return n;
}

TEST(OpRegistry, ListsExactlyTheOpsWithRules) {
  const std::set<std::string> expected{"linear",
                                       "view",
                                       "reshape",
                                       "transpose",
                                       "index_copy_",
                                       "narrow",
                                       "cat",
                                       "repeat_interleave",
                                       "repeat",
                                       "expand",
                                       "broadcast_shapes",
                                       "matmul",
                                       "softmax",
                                       "masked_fill_",
                                       "scaled_dot_product_attention"};
  std::set<std::string> listed;
  for (const OpInfo& op : op_registry()) {
    EXPECT_TRUE(listed.insert(std::string(op.name)).second) << "listed twice: " << op.name;
  }
  EXPECT_EQ(listed, expected);
}

TEST(OpRegistry, EveryOpIsDocumented) {
  for (const OpInfo& op : op_registry()) {
    SCOPED_TRACE(std::string(op.name));
    EXPECT_FALSE(op.rule.empty());
    EXPECT_FALSE(op.summary.empty());
    EXPECT_TRUE(op.source_of_truth.ends_with(" (PyTorch docs)")) << op.source_of_truth;
  }
}

TEST(OpRegistry, EveryOpHasHeaderSourceAndTestNamingItsSourceOfTruth) {
  for (const OpInfo& op : op_registry()) {
    SCOPED_TRACE(std::string(op.name));
    const std::string rule(op.rule);
    const std::string line = "// Source of truth: " + std::string(op.source_of_truth) + "\n";
    for (const fs::path& file : {kRoot / "include/kvcheck/shape/ops" / (rule + ".hpp"),
                                 kRoot / "src/shape/ops" / (rule + ".cpp")}) {
      ASSERT_TRUE(fs::exists(file)) << file;
      EXPECT_EQ(count(read_text(file), line), 1u) << file;
    }
    EXPECT_TRUE(fs::exists(kRoot / "tests/shape" / (rule + "_test.cpp")));
  }
}

TEST(OpRegistry, EveryRuleSourceIsRegistered) {
  // rule_support.cpp holds what the rules share; every other file under ops/ is one op.
  for (const auto& entry : fs::directory_iterator(kRoot / "src/shape/ops")) {
    const std::string stem = entry.path().stem().string();
    if (stem == "rule_support") continue;
    bool registered = false;
    for (const OpInfo& op : op_registry()) registered = registered || op.rule == stem;
    EXPECT_TRUE(registered) << entry.path().filename() << " has no registry entry";
  }
}

TEST(OpRegistry, FindsOpsByTheirPyTorchName) {
  const OpInfo* op = find_op("index_copy_");
  ASSERT_NE(op, nullptr);
  EXPECT_EQ(op->rule, "index_copy");
  EXPECT_EQ(op->source_of_truth, "torch.Tensor.index_copy_ (PyTorch docs)");
  EXPECT_EQ(find_op("index_copy"), nullptr);
}

}  // namespace
}  // namespace kvcheck::shape
