// Stable fingerprints for findings: FNV-1a 64, defined by its constants rather than by a
// standard library, so the same finding hashes alike on every platform and release.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>

namespace kvcheck::report {

/// FNV-1a, 64-bit (offset basis 0xcbf29ce484222325, prime 0x100000001b3) over `bytes`.
std::uint64_t fnv1a64(std::string_view bytes);

/// 16 lower-case hex digits of the FNV-1a 64 hash of `parts`, each followed by a 0x1f
/// separator so that ("ab", "c") and ("a", "bc") differ.
std::string fingerprint(std::initializer_list<std::string_view> parts);

}  // namespace kvcheck::report
