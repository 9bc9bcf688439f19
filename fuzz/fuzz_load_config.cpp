// libFuzzer target: the whole path `kvcheck check` reads a file by (syntax by content,
// format detection, every reader, the model validation), from a file on disk.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/load_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // No extension: the syntax is chosen by content, as for a file named `params` or `config`.
  static const std::string path = "/tmp/kvcheck-fuzz-config-" + std::to_string(::getpid());
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (f == nullptr) return 0;
  std::fwrite(data, 1, size, f);
  std::fclose(f);
  try {
    (void)kvcheck::io::load_config(path);
  } catch (const kvcheck::InputError&) {
  }
  return 0;
}
