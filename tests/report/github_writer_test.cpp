// GitHub annotations: one command per failure and per latent finding, at the config's
// n_kv_heads line, with messages and properties escaped as the runner decodes them.
#include "kvcheck/report/github_writer.hpp"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "sample_runs.hpp"

namespace kvcheck::report::testing {
namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(GithubWriter, OneCommandPerFailureAndLatentFinding) {
  const std::vector<std::string> commands = lines(write_github(mixed_run(), sample_context()));
  ASSERT_EQ(commands.size(), 9u);
  EXPECT_EQ(commands[0].rfind("::error file=fixtures/configs/kvcheck/tiny-cache-sized-by-n_heads"
                              ".yaml,line=6,title=kvcheck shape-safety::shape-safety fails for "
                              "tiny-gqa (variant cache-sized-by-n_heads): index_copy_: source",
                              0),
            0u)
      << commands[0];
  EXPECT_NE(commands[0].find("%0Astep: prefill%0Aop: index_copy_%0A"), std::string::npos);
  EXPECT_EQ(commands[7].rfind("::warning file=configs/mha-legacy.yaml,line=4,title=kvcheck "
                              "latent shape-safety::",
                              0),
            0u)
      << commands[7];
}

TEST(GithubWriter, EscapesPropertiesAndData) {
  check::CheckRun run = mixed_run();
  run.configs[1].loaded.path = "dir,x/a:b%.yaml";
  run.configs[1].verdicts[0].search.failure->op_failure->error.message = "100% wrong\r\nhere";
  const std::string first = lines(write_github(run, sample_context()))[0];
  EXPECT_EQ(first.rfind("::error file=dir%2Cx/a%3Ab%25.yaml,line=6,", 0), 0u) << first;
  EXPECT_NE(first.find("100%25 wrong%0D%0Ahere"), std::string::npos) << first;
}

TEST(GithubWriter, NothingToSayIsEmpty) {
  EXPECT_EQ(write_github(clean_run(), sample_context()), "");
}

}  // namespace
}  // namespace kvcheck::report::testing
