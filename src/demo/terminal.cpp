// output_width and wait_for_enter: the demo's terminal, through POSIX calls only.
#include "kvcheck/demo/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <string>

namespace kvcheck::demo {
namespace {

constexpr std::size_t kDefaultWidth = 100;
constexpr std::size_t kMinWidth = 60;
constexpr std::size_t kMaxWidth = 200;

std::optional<std::size_t> terminal_columns() {
  winsize size{};
  if (isatty(STDOUT_FILENO) == 1 && ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 &&
      size.ws_col > 0) {
    return size.ws_col;
  }
  return std::nullopt;
}

std::optional<std::size_t> columns_variable() {
  const char* value = std::getenv("COLUMNS");
  if (value == nullptr || *value == '\0') return std::nullopt;
  char* end = nullptr;
  const long columns = std::strtol(value, &end, 10);
  if (*end != '\0' || columns <= 0) return std::nullopt;
  return static_cast<std::size_t>(columns);
}

}  // namespace

std::size_t output_width(std::optional<std::size_t> flag) {
  if (flag) return *flag;
  auto detected = terminal_columns();
  if (!detected) detected = columns_variable();
  if (!detected) return kDefaultWidth;
  return std::clamp(*detected, kMinWidth, kMaxWidth);
}

void wait_for_enter(const char* prompt) {
  if (isatty(STDIN_FILENO) != 1) return;
  std::fputs(prompt, stderr);
  std::fflush(stderr);
  int c = 0;
  while ((c = std::getchar()) != EOF && c != '\n') {
  }
}

}  // namespace kvcheck::demo
