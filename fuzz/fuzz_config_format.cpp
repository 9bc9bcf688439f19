// libFuzzer target: one config format's reader (chosen at build time) on whatever document
// the bytes parse to, without format detection, so that every reader sees every shape of
// input and not only the ones that look like its own format. References are resolved first
// for YAML, as load_config does.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config_formats.hpp"
#include "kvcheck/base/input_error.hpp"
#include "kvcheck/io/document.hpp"
#include "kvcheck/io/kvcheck_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const std::string format = KVCHECK_FUZZ_FORMAT;
  try {
    kvcheck::io::Document doc = KVCHECK_FUZZ_YAML
                                    ? kvcheck::io::parse_yaml_document("fuzz.yaml", text)
                                    : kvcheck::io::parse_json_document("fuzz.json", text);
    if (doc.syntax == "yaml") kvcheck::io::resolve_references(doc);
    if (format == "kvcheck") {
      (void)kvcheck::io::read_kvcheck_config(doc);
    } else {
      (void)kvcheck::io::read_foreign_config(doc, format);
    }
  } catch (const kvcheck::InputError&) {
  }
  return 0;
}
