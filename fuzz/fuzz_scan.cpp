// libFuzzer target: the scanner's front end (read, UTF-8 check, tree-sitter parse, binder,
// interpreter with its budgets) on arbitrary bytes as a Python file. A file it cannot
// analyse becomes a note; nothing may throw.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kvcheck/scan/scan.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = "/tmp/kvcheck-fuzz-scan-" + std::to_string(::getpid()) + ".py";
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  kvcheck::scan::ScanOptions options;
  options.paths = {path};
  (void)kvcheck::scan::scan(options);
  return 0;
}
