// Lazy<T>: a message part made only when a check fails. A shape rule runs for every op of
// every generated case, and its operand names and messages are read only on failure, so
// building them up front cost more than the checks themselves.
#pragma once

#include <string>
#include <type_traits>
#include <vector>

namespace kvcheck::shape {

/// Refers to a T, to a string literal (T = std::string), or to a callable that makes a T.
/// It holds no copy: like a reference parameter, it must not outlive the call it is passed
/// to, which is how the rules and their helpers use it.
template <class T>
class Lazy {
 public:
  Lazy(const T& value) : value_(&value) {}  // NOLINT: implicit, like a const T& parameter
  Lazy(const char* text)                    // NOLINT
      requires std::is_same_v<T, std::string> : source_(text),
                                                make_(&from_literal) {}
  template <class F>
  requires(std::is_invocable_r_v<T, const F&> && !std::is_convertible_v<const F&, const T&> &&
           !std::is_convertible_v<const F&, const char*>) Lazy(const F& make)  // NOLINT
      : source_(&make), make_(&call<F>) {}

  T get() const { return value_ ? *value_ : make_(source_); }

 private:
  static T from_literal(const void* text) { return T(static_cast<const char*>(text)); }
  template <class F>
  static T call(const void* make) {
    return (*static_cast<const F*>(make))();
  }

  const T* value_ = nullptr;
  const void* source_ = nullptr;
  T (*make_)(const void*) = nullptr;
};

using LazyText = Lazy<std::string>;
using LazyOperands = Lazy<std::vector<std::string>>;

}  // namespace kvcheck::shape
