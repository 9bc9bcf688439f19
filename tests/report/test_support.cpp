// Test helpers: fork/exec instead of std::system so paths need no shell quoting.
#include "golden.hpp"
#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "kvcheck/report/atomic_write.hpp"

namespace kvcheck::report::testing {

std::string source_path(const std::string& relative) {
  return std::string(KVCHECK_SOURCE_DIR) + "/" + relative;
}

std::string read_text(const std::string& path, bool* ok) {
  std::ifstream in(path, std::ios::binary);
  if (ok) *ok = static_cast<bool>(in);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

::testing::AssertionResult matches_golden(const std::string& file, const std::string& actual) {
  return kvcheck::testing::matches_golden_file("fixtures/reports", file, actual);
}

std::string scratch_dir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "kvcheck-report-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) return "";
  return pattern;
}

ToolRun run_tool(const std::vector<std::string>& argv) {
  ToolRun result;
  int pipe_fds[2];
  if (argv.empty() || ::pipe(pipe_fds) != 0) return result;
  const pid_t pid = ::fork();
  if (pid < 0) return result;
  if (pid == 0) {
    ::dup2(pipe_fds[1], STDOUT_FILENO);
    ::dup2(pipe_fds[1], STDERR_FILENO);
    ::close(pipe_fds[0]);
    ::close(pipe_fds[1]);
    std::vector<char*> args;
    for (const std::string& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    ::execvp(args[0], args.data());
    ::_exit(127);
  }
  ::close(pipe_fds[1]);
  char buffer[4096];
  for (ssize_t n; (n = ::read(pipe_fds[0], buffer, sizeof buffer)) > 0;) {
    result.output.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(pid, &status, 0);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string project_tool(const std::string& relative) {
  return std::string(KVCHECK_TOOLS_DIR) + "/" + relative;
}

}  // namespace kvcheck::report::testing
