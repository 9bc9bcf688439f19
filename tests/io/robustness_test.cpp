// Damaged input never escapes as anything but InputError: every fixture, cut and spliced
// at seeded random places, either loads or fails with a located one-line message.
#include <gtest/gtest.h>

#include <fstream>
#include <random>
#include <sstream>

#include "kvcheck/io/document.hpp"
#include "kvcheck/io/load_config.hpp"
#include "test_support.hpp"

namespace kvcheck::io {
namespace {

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

/// `text` with one random edit: a byte dropped, a structural byte inserted, or cut short.
std::string damaged(const std::string& text, std::mt19937& rng) {
  using namespace std::string_literals;
  static const std::string kInserts = "{}[]:,\"'-\n\t #&*|>!%@`\\\0"s;
  if (text.empty()) return kInserts;
  std::uniform_int_distribution<std::size_t> pick_at(0, text.size() - 1);
  std::uniform_int_distribution<std::size_t> pick_insert(0, kInserts.size() - 1);
  std::string out = text;
  const std::size_t at = pick_at(rng);
  switch (rng() % 3) {
    case 0:
      out.erase(at, 1);
      break;
    case 1:
      out.insert(at, 1, kInserts[pick_insert(rng)]);
      break;
    default:
      out.resize(at);
      break;
  }
  return out;
}

TEST(Robustness, DamagedFixturesFailOnlyWithInputError) {
  std::mt19937 rng(20240601);
  int loaded = 0;
  int rejected = 0;
  for (const std::string& path : collect_config_files(
           {testing::source_path("fixtures/configs"), testing::source_path("fixtures/broken")})) {
    const std::string text = read_text(path);
    const bool json = path.size() > 5 && path.compare(path.size() - 5, 5, ".json") == 0;
    for (int round = 0; round < 40; ++round) {
      const std::string input = damaged(text, rng);
      try {
        read_config(json ? parse_json_document(path, input) : parse_yaml_document(path, input));
        ++loaded;
      } catch (const InputError& e) {
        ++rejected;
        EXPECT_EQ(std::string(e.what()).find('\n'), std::string::npos) << "[" << e.what() << "]";
      } catch (const std::exception& e) {
        ADD_FAILURE() << path << " round " << round << ": " << e.what();
      }
    }
  }
  // Both outcomes must occur, or the edits are not reaching the readers.
  EXPECT_GT(loaded, 0);
  EXPECT_GT(rejected, 0);
}

}  // namespace
}  // namespace kvcheck::io
