// The limits every config file is read under. kvcheck reads files from pull requests, so a
// file written to exhaust the machine must be refused before it does, with a message that
// says which limit it passed. Real configs stay orders of magnitude below each limit.
#pragma once

#include <cstddef>
#include <cstdint>

namespace kvcheck::io {

/// Largest config file read, in bytes. A Hugging Face config.json is a few KiB, a training
/// YAML a few tens of KiB; larger files are refused before they are read.
inline constexpr std::uintmax_t kMaxConfigBytes = std::uintmax_t{4} << 20;

/// Deepest nesting of mappings and lists. Real configs nest three or four levels; the limit
/// keeps the recursive passes off the end of the stack.
inline constexpr std::size_t kMaxDepth = 64;

/// Most values (scalars, mappings, lists) in one file after YAML aliases and merge keys are
/// expanded. A config has hundreds; an alias bomb has billions and is stopped here, while
/// it expands, so it never takes more than this much memory.
inline constexpr std::size_t kMaxValues = 50000;

/// Most bytes of scalar text in one file after aliases, merge keys and `${...}` references
/// are expanded: one long string aliased ten thousand times is stopped here.
inline constexpr std::size_t kMaxExpandedBytes = std::size_t{16} << 20;

/// Longest key, in bytes.
inline constexpr std::size_t kMaxKeyBytes = 1024;

/// Longest scalar value, in bytes.
inline constexpr std::size_t kMaxScalarBytes = std::size_t{1} << 20;

}  // namespace kvcheck::io
