// SourceFile: one Python file's text, read with limits: a file that is too big, binary or not
// UTF-8 becomes a note for that file, and the scan goes on with the others.
#pragma once

#include <cstdint>
#include <string>

#include "kvcheck/base/result.hpp"

namespace kvcheck::scan {

/// Larger files are not read (generated code, vendored bundles): a note says so.
inline constexpr std::uintmax_t kMaxSourceBytes = 8u << 20;

/// Why a file is not analysed, as the scan reports it: "path:line:col: text".
struct SourceNote {
  std::string path;
  int line = 0;  ///< 1-based; 0 when the note is about the whole file
  int column = 0;
  std::string message;
  std::string to_string() const;
};

/// A readable Python source.
struct SourceFile {
  std::string path;
  std::string text;  ///< valid UTF-8, without a byte-order mark
};

/// Reads `path`: a note when it cannot be opened, is not a regular file (FIFOs and devices
/// are never opened), exceeds kMaxSourceBytes, holds a NUL byte, or is not valid UTF-8 (the
/// note names the line and column of the first bad byte). A UTF-8 byte-order mark is dropped.
Result<SourceFile, SourceNote> read_source(const std::string& path);

/// The position of the first byte of `text` that is not valid UTF-8 (overlong forms,
/// surrogates and values above U+10FFFF are invalid), or npos.
std::size_t first_invalid_utf8(const std::string& text);

}  // namespace kvcheck::scan
