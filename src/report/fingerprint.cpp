// FNV-1a 64: a few lines with fixed constants, unlike std::hash, whose values differ
// between standard libraries and may change between releases.
#include "kvcheck/report/fingerprint.hpp"

#include <fmt/format.h>

namespace kvcheck::report {

std::uint64_t fnv1a64(std::string_view bytes) {
  constexpr std::uint64_t kOffsetBasis = 0xcbf29ce484222325ULL;
  constexpr std::uint64_t kPrime = 0x100000001b3ULL;
  std::uint64_t hash = kOffsetBasis;
  for (char c : bytes) {
    hash ^= static_cast<unsigned char>(c);
    hash *= kPrime;
  }
  return hash;
}

std::string fingerprint(std::initializer_list<std::string_view> parts) {
  std::string joined;
  for (std::string_view part : parts) {
    joined += part;
    joined += '\x1f';
  }
  return fmt::format("{:016x}", fnv1a64(joined));
}

}  // namespace kvcheck::report
