// write_file_atomically: the new content appears whole, and on failure the old file stays
// as it was and no temporary file is left behind. The failures used here happen for root
// too (CI runs as root, so permission bits would not do).
#include "kvcheck/report/atomic_write.hpp"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <csignal>
#include <filesystem>

#include "kvcheck/base/input_error.hpp"
#include "test_support.hpp"

namespace kvcheck::report::testing {
namespace {

namespace fs = std::filesystem;

class AtomicWrite : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = scratch_dir();
    ASSERT_FALSE(dir_.empty());
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string at(const std::string& name) const { return dir_ + "/" + name; }
  /// Names in the scratch folder, to see that no temporary file is left.
  std::vector<std::string> entries() const {
    std::vector<std::string> out;
    for (const auto& e : fs::directory_iterator(dir_)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }
  std::string dir_;
};

TEST_F(AtomicWrite, CreatesAndReplaces) {
  write_file_atomically(at("report.json"), "first\n");
  EXPECT_EQ(read_text(at("report.json")), "first\n");
  write_file_atomically(at("report.json"), "second, longer\n");
  EXPECT_EQ(read_text(at("report.json")), "second, longer\n");
  write_file_atomically(at("report.json"), "");
  EXPECT_EQ(read_text(at("report.json")), "");
  EXPECT_EQ(entries(), std::vector<std::string>{"report.json"});
}

TEST_F(AtomicWrite, NewFilesGetTheUsualPermissions) {
  const mode_t old_mask = ::umask(022);
  write_file_atomically(at("report.sarif"), "{}\n");
  ::umask(old_mask);
  const auto perms = fs::status(at("report.sarif")).permissions();
  EXPECT_EQ(perms, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                       fs::perms::others_read);
}

TEST_F(AtomicWrite, MissingFolderIsAnInputErrorNamingTheFlag) {
  const std::string path = at("no/such/folder/report.json");
  try {
    write_file_atomically(path, "x");
    FAIL() << "expected an InputError";
  } catch (const InputError& e) {
    EXPECT_EQ(e.file(), path);
    EXPECT_EQ(e.field(), "--output");
    EXPECT_NE(std::string(e.what()).find("No such file or directory"), std::string::npos)
        << e.what();
  }
  EXPECT_TRUE(entries().empty());
}

TEST_F(AtomicWrite, ParentThatIsAFileIsAnInputError) {
  write_file_atomically(at("plain"), "keep\n");
  EXPECT_THROW(write_file_atomically(at("plain/report.json"), "x"), InputError);
  EXPECT_EQ(read_text(at("plain")), "keep\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"plain"});
}

TEST_F(AtomicWrite, TargetThatIsAFolderIsLeftAlone) {
  fs::create_directory(at("out"));
  write_file_atomically(at("out/inner.txt"), "inside\n");
  EXPECT_THROW(write_file_atomically(at("out"), "x"), InputError);
  EXPECT_TRUE(fs::is_directory(at("out")));
  EXPECT_EQ(read_text(at("out/inner.txt")), "inside\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"out"});
}

TEST_F(AtomicWrite, FailedWriteLeavesTheExistingFileUntouched) {
  write_file_atomically(at("report.xml"), "old report\n");
  // A file-size limit makes write() fail with EFBIG part-way, whoever runs the test.
  struct sigaction ignore {};
  struct sigaction previous {};
  ignore.sa_handler = SIG_IGN;
  ASSERT_EQ(::sigaction(SIGXFSZ, &ignore, &previous), 0);
  rlimit saved{};
  ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &saved), 0);
  rlimit small = saved;
  small.rlim_cur = 16;
  ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
  bool threw = false;
  try {
    write_file_atomically(at("report.xml"), std::string(4096, 'n'));
  } catch (const InputError& e) {
    threw = true;
    EXPECT_EQ(e.field(), "--output");
    EXPECT_NE(std::string(e.what()).find("cannot write"), std::string::npos) << e.what();
  }
  ::setrlimit(RLIMIT_FSIZE, &saved);
  ::sigaction(SIGXFSZ, &previous, nullptr);
  EXPECT_TRUE(threw);
  EXPECT_EQ(read_text(at("report.xml")), "old report\n");
  EXPECT_EQ(entries(), std::vector<std::string>{"report.xml"});
}

// check_output_target: refused before any work, with the flag and the reason.
TEST_F(AtomicWrite, OutputThatIsAnInputIsRefusedUnderAnyName) {
  const std::string input = at("config.json");
  write_file_atomically(input, "{}");
  const std::string other_name = dir_ + "/./config.json";
  for (const std::string& output : {input, other_name}) {
    SCOPED_TRACE(output);
    try {
      check_output_target(output, {input});
      FAIL() << "accepted an input as the report";
    } catch (const InputError& e) {
      EXPECT_EQ(e.field(), "--output");
      EXPECT_NE(std::string(e.what()).find("replace it"), std::string::npos) << e.what();
    }
  }
  fs::create_symlink(input, at("link.json"));
  EXPECT_THROW(check_output_target(at("link.json"), {input}), InputError);
  EXPECT_NO_THROW(check_output_target(at("report.json"), {input}));
}

TEST_F(AtomicWrite, OutputThatIsADeviceOrFolderOrEmptyIsRefused) {
  EXPECT_THROW(check_output_target("/dev/null", {}), InputError);
  EXPECT_THROW(check_output_target(dir_, {}), InputError);
  EXPECT_THROW(check_output_target("", {}), InputError);
  EXPECT_THROW(check_output_target(at("missing/report.json"), {}), InputError);
  EXPECT_EQ(entries(), std::vector<std::string>{});
}

TEST(AtomicWriteName, EmptyPathIsAnInputError) {
  EXPECT_THROW(write_file_atomically("", "x"), InputError);
}

}  // namespace
}  // namespace kvcheck::report::testing
