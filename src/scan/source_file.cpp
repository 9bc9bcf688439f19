// read_source: bounded, validated reading of one Python file.
#include "kvcheck/scan/source_file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace kvcheck::scan {
namespace {

namespace fs = std::filesystem;

/// 1-based line and column (in bytes) of offset `at`.
std::pair<int, int> line_col(const std::string& text, std::size_t at) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t k = 0; k < at && k < text.size(); ++k) {
    if (text[k] == '\n') {
      ++line;
      line_start = k + 1;
    }
  }
  return {line, static_cast<int>(at - line_start) + 1};
}

}  // namespace

std::string SourceNote::to_string() const {
  std::string where = path;
  if (line > 0) where += ":" + std::to_string(line) + ":" + std::to_string(column);
  return where + ": " + message;
}

std::size_t first_invalid_utf8(const std::string& text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t k = 0;
  while (k < n) {
    const unsigned char c = s[k];
    if (c < 0x80) {
      ++k;
      continue;
    }
    std::size_t len = 0;
    std::uint32_t cp = 0;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return k;
    }
    if (k + len > n) return k;
    for (std::size_t m = 1; m < len; ++m) {
      if ((s[k + m] & 0xC0) != 0x80) return k;
      cp = (cp << 6) | (s[k + m] & 0x3F);
    }
    const bool overlong = (len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
                          (len == 4 && cp < 0x10000);
    if (overlong || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return k;
    k += len;
  }
  return std::string::npos;
}

Result<SourceFile, SourceNote> read_source(const std::string& path) {
  auto note = [&](std::string message, int line = 0, int col = 0) {
    return unexpected(SourceNote{path, line, col, std::move(message)});
  };
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status)) return note("cannot read: no such file");
  if (!fs::is_regular_file(status)) return note("not a regular file; not read");
  const std::uintmax_t size = fs::file_size(path, ec);
  if (ec) return note("cannot read: " + ec.message());
  if (size > kMaxSourceBytes) {
    return note("file of " + std::to_string(size) + " bytes exceeds the " +
                std::to_string(kMaxSourceBytes >> 20) + " MiB source limit; not analysed");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return note("cannot open for reading");
  std::ostringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  if (text.size() > kMaxSourceBytes) return note("file grew past the source limit while read");
  if (const auto nul = text.find('\0'); nul != std::string::npos) {
    const auto [line, col] = line_col(text, nul);
    return note("binary file (NUL byte); not analysed", line, col);
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  if (const auto bad = first_invalid_utf8(text); bad != std::string::npos) {
    const auto [line, col] = line_col(text, bad);
    return note("not valid UTF-8; not analysed", line, col);
  }
  return SourceFile{path, std::move(text)};
}

}  // namespace kvcheck::scan
