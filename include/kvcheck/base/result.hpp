// Result<T>: a value or an error message, shaped like C++23's std::expected so it can be
// replaced by it once the project moves to C++23.
#pragma once

#include <cassert>
#include <string>
#include <utility>
#include <variant>

namespace kvcheck {

/// Wraps the error alternative so that Result<std::string> stays unambiguous.
template <class E>
struct Unexpected {
  E error;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& e) {
  return {std::forward<E>(e)};
}

/// Either a value of type T or an error of type E (by default a message).
template <class T, class E = std::string>
class Result {
 public:
  Result(T value) : data_(std::in_place_index<0>, std::move(value)) {}  // NOLINT: implicit by design
  Result(Unexpected<E> err) : data_(std::in_place_index<1>, std::move(err.error)) {}  // NOLINT

  bool has_value() const { return data_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  const T& value() const& {
    assert(has_value());
    return std::get<0>(data_);
  }
  T& value() & {
    assert(has_value());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(has_value());
    return std::get<0>(std::move(data_));
  }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  const E& error() const {
    assert(!has_value());
    return std::get<1>(data_);
  }

 private:
  std::variant<T, E> data_;
};

}  // namespace kvcheck
