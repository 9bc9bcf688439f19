// Short names for the dims the sym unit tests build, so that test tables read like the
// shape expressions they stand for.
#pragma once

#include "kvcheck/sym/dim.hpp"

namespace kvcheck::sym::test {

inline Dim batch() { return Dim(symbols::batch()); }
inline Dim prompt_len() { return Dim(symbols::prompt_len()); }
inline Dim decode_steps() { return Dim(symbols::decode_steps()); }
inline Dim n_kv_heads() { return Dim(symbols::n_kv_heads()); }
inline Dim group() { return Dim(symbols::group()); }
inline Dim n_heads() { return Dim::n_heads(); }
inline Dim head_dim() { return Dim(symbols::head_dim()); }
inline Dim hidden() { return Dim(symbols::hidden()); }
inline Dim max_seq_len() { return Dim(symbols::max_seq_len()); }
inline Dim cache_spare() { return Dim(symbols::cache_spare()); }
inline Dim pos() { return Dim(symbols::pos()); }

/// p raised to a small power, for tables of higher-degree cases.
inline Dim pow(const Dim& p, int e) {
  Dim out(1);
  for (int i = 0; i < e; ++i) out *= p;
  return out;
}

}  // namespace kvcheck::sym::test
