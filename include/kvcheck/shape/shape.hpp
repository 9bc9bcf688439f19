// Shape<D>: a tensor shape over a dimension type, either sym::Dim (for all configurations)
// or std::int64_t (for one configuration). Every shape rule is written once over both.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <vector>

#include "kvcheck/shape/dim_ops.hpp"

namespace kvcheck::shape {

/// The sizes of a tensor, outermost first, as PyTorch's `tensor.shape`.
template <class D>
struct Shape {
  std::vector<D> dims;

  Shape() = default;
  Shape(std::initializer_list<D> d) : dims(d) {}
  explicit Shape(std::vector<D> d) : dims(std::move(d)) {}

  std::int64_t rank() const { return static_cast<std::int64_t>(dims.size()); }
  const D& operator[](std::int64_t i) const { return dims[static_cast<std::size_t>(i)]; }
  D& operator[](std::int64_t i) { return dims[static_cast<std::size_t>(i)]; }
  /// Product of all sizes (1 for a scalar), the number of elements.
  D numel() const {
    D n = D(1);
    for (const D& d : dims) n = n * d;
    return n;
  }
  friend bool operator==(const Shape&, const Shape&) = default;

  /// "[batch, prompt_len, n_kv_heads, head_dim]" or "[1, 3, 2, 4]".
  std::string to_string() const {
    std::string out = "[";
    for (std::size_t i = 0; i < dims.size(); ++i) {
      if (i) out += ", ";
      out += DimOps<D>::str(dims[i]);
    }
    return out + "]";
  }
};

/// Normalises a possibly negative dim index against `rank` as PyTorch does
/// (-1 is the last dim); nullopt when out of range.
std::optional<std::int64_t> normalize_dim(std::int64_t dim, std::int64_t rank);

}  // namespace kvcheck::shape
