// read_source: limits and validation of Python sources, each refusal a note with its place.
#include "kvcheck/scan/source_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "temp_folder.hpp"

namespace kvcheck::scan {
namespace {

namespace fs = std::filesystem;

using SourceFileTest = testing::TempFolderTest;

TEST_F(SourceFileTest, ReadsUtf8AndDropsTheByteOrderMark) {
  auto f = read_source(write("a.py", "\xEF\xBB\xBFx = 'h\xC3\xA9" "ad'\n"));
  ASSERT_TRUE(f.has_value()) << f.error().to_string();
  EXPECT_EQ(f->text, "x = 'h\xC3\xA9" "ad'\n");
}

TEST_F(SourceFileTest, BinaryFileIsANoteWithThePlace) {
  const std::string path = write("b.py", std::string("x = 1\nab\0c\n", 11));
  auto f = read_source(path);
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().to_string(), path + ":2:3: binary file (NUL byte); not analysed");
}

TEST_F(SourceFileTest, InvalidUtf8IsANoteWithThePlace) {
  const std::string path = write("c.py", "# caf\xE9\n");
  auto f = read_source(path);
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().to_string(), path + ":1:6: not valid UTF-8; not analysed");
}

TEST_F(SourceFileTest, OversizedFileIsNotRead) {
  const std::string path = write("big.py", "");
  fs::resize_file(path, kMaxSourceBytes + 1);
  auto f = read_source(path);
  ASSERT_FALSE(f.has_value());
  EXPECT_NE(f.error().message.find("exceeds the 8 MiB source limit"), std::string::npos);
}

TEST_F(SourceFileTest, FifoIsNeverOpened) {
  const std::string path = (root_ / "pipe.py").string();
  ASSERT_EQ(mkfifo(path.c_str(), 0600), 0);
  auto f = read_source(path);  // would block forever if it were opened
  ASSERT_FALSE(f.has_value());
  EXPECT_EQ(f.error().message, "not a regular file; not read");
}

TEST(Utf8, RejectsOverlongSurrogatesAndTruncation) {
  EXPECT_EQ(first_invalid_utf8("plain"), std::string::npos);
  EXPECT_EQ(first_invalid_utf8("\xF0\x9F\x98\x80"), std::string::npos);  // U+1F600
  EXPECT_EQ(first_invalid_utf8("a\xC0\xAF"), 1u);                        // overlong '/'
  EXPECT_EQ(first_invalid_utf8("\xED\xA0\x80"), 0u);                     // a surrogate
  EXPECT_EQ(first_invalid_utf8("ab\xE2\x82"), 2u);                       // truncated
  EXPECT_EQ(first_invalid_utf8("\xF4\x90\x80\x80"), 0u);                 // above U+10FFFF
}

}  // namespace
}  // namespace kvcheck::scan
