// A 128-bit integer for overflow-free intermediate products when evaluating dims.
#pragma once

namespace kvcheck::sym {

// __extension__ keeps -Wpedantic quiet: GCC and Clang both provide __int128 on 64-bit targets.
__extension__ typedef __int128 Int128;

}  // namespace kvcheck::sym
