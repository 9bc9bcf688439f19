// libFuzzer target: one parser (JSON or YAML, chosen at build time) on arbitrary bytes. The
// only exception it may raise is InputError; anything else, a crash, a leak or a hang is a
// finding.
#include <cstddef>
#include <cstdint>
#include <string>

#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/document.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
#if KVCHECK_FUZZ_YAML
    (void)kvcheck::io::parse_yaml_document("fuzz.yaml", text);
#else
    (void)kvcheck::io::parse_json_document("fuzz.json", text);
#endif
  } catch (const kvcheck::InputError&) {
  }
  return 0;
}
