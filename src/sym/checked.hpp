// Overflow-checked integer arithmetic for the sym layer. Dims are exact, so an overflow is
// never wrapped or clamped: it throws std::overflow_error (an internal error, since real
// shapes stay far below these limits).
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

#include "kvcheck/sym/wide_int.hpp"

namespace kvcheck::sym::detail {

[[noreturn]] inline void throw_overflow(const char* what) {
  throw std::overflow_error(std::string("dim ") + what + " overflow");
}

/// a + b for T in {int64, Int128}; throws when the sum does not fit T.
template <class T>
T add(T a, T b, const char* what = "coefficient") {
  T r;
  if (__builtin_add_overflow(a, b, &r)) throw_overflow(what);
  return r;
}

/// a * b for T in {int64, Int128}; throws when the product does not fit T.
template <class T>
T mul(T a, T b, const char* what = "coefficient") {
  T r;
  if (__builtin_mul_overflow(a, b, &r)) throw_overflow(what);
  return r;
}

/// Narrows an exact wide value to int64; throws when it does not fit.
inline std::int64_t narrow(Int128 v, const char* what = "value") {
  if (v > INT64_MAX || v < INT64_MIN) throw_overflow(what);
  return static_cast<std::int64_t>(v);
}

}  // namespace kvcheck::sym::detail
