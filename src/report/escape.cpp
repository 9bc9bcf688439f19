// Escaping for XML, Markdown, workflow commands and URIs: each function owns one syntax's
// rules, so writers never hand-escape.
#include "kvcheck/report/escape.hpp"

#include <cstdint>

namespace kvcheck::report {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

/// Length of the well-formed UTF-8 sequence starting at s[i], or 0 when the byte there
/// does not start one (RFC 3629, table 3-7 of the Unicode standard).
std::size_t sequence_length(std::string_view s, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(i);
  if (lead < 0x80) return 1;
  std::size_t len = 0;
  unsigned char lo = 0x80;
  unsigned char hi = 0xBF;
  if (lead >= 0xC2 && lead <= 0xDF) {
    len = 2;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    len = 3;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    len = 4;
    if (lead == 0xF0) lo = 0x90;  // no overlong forms
    if (lead == 0xF4) hi = 0x8F;  // nothing past U+10FFFF
  } else {
    return 0;
  }
  if (i + len > s.size()) return 0;
  if (byte(i + 1) < lo || byte(i + 1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if (byte(i + k) < 0x80 || byte(i + k) > 0xBF) return 0;
  }
  return len;
}

void append_percent(std::string& out, char c) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  const auto b = static_cast<unsigned char>(c);
  out += '%';
  out += kHex[b >> 4];
  out += kHex[b & 0xF];
}

/// `s` with every byte for which `keep` is false written as %XX.
template <class Keep>
std::string percent_encode(std::string_view s, Keep keep) {
  std::string out;
  for (char c : s) {
    if (keep(c)) {
      out += c;
    } else {
      append_percent(out, c);
    }
  }
  return out;
}

bool workflow_safe(char c) {
  return c != '%' && c != '\r' && c != '\n';
}

}  // namespace

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t len = sequence_length(s, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out += s.substr(i, len);
      i += len;
    }
  }
  return out;
}

std::string xml_escape(std::string_view s, bool attribute) {
  const std::string text = valid_utf8(s);
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '&':
        out += "&amp;";
        continue;
      case '<':
        out += "&lt;";
        continue;
      case '>':
        out += "&gt;";
        continue;
      case '"':
        out += attribute ? "&quot;" : "\"";
        continue;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        continue;
      case '\n':
        out += attribute ? "&#10;" : "\n";
        continue;
      case '\r':
        out += "&#13;";
        continue;  // a raw CR would be read back as LF
      default:
        break;
    }
    if (static_cast<unsigned char>(c) < 0x20) {
      out += kReplacement;  // XML 1.0 has no way to write other C0 controls
    } else if (text.compare(i, 2, "\xEF\xBF") == 0 && i + 2 < text.size() &&
               (text[i + 2] == '\xBE' || text[i + 2] == '\xBF')) {
      out += kReplacement;  // U+FFFE and U+FFFF are not XML characters either
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string markdown_text(std::string_view s) {
  constexpr std::string_view kSpecial = "\\`*_[]<>|~&";
  std::string out;
  for (char c : valid_utf8(s)) {
    if (c == '\r' || c == '\n') {
      out += ' ';
      continue;
    }
    if (kSpecial.find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::string markdown_code_span(std::string_view s) {
  std::string text;
  for (char c : valid_utf8(s)) text += (c == '\r' || c == '\n') ? ' ' : c;
  std::size_t longest = 0;
  std::size_t run = 0;
  for (char c : text) {
    run = c == '`' ? run + 1 : 0;
    if (run > longest) longest = run;
  }
  const std::string fence(longest + 1, '`');
  // CommonMark strips one space on each side, which lets a span start or end with a backtick.
  const bool pad = !text.empty() && (text.front() == '`' || text.back() == '`');
  const std::string space = pad ? " " : "";
  return fence + space + text + space + fence;
}

std::string workflow_data(std::string_view s) {
  return percent_encode(s, workflow_safe);
}

std::string workflow_property(std::string_view s) {
  return percent_encode(s, [](char c) { return workflow_safe(c) && c != ':' && c != ','; });
}

std::string uri_reference(std::string_view path) {
  const auto unreserved_or_slash = [](char c) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    return alnum || c == '-' || c == '.' || c == '_' || c == '~' || c == '/';
  };
  const std::string scheme = !path.empty() && path.front() == '/' ? "file://" : "";
  return scheme + percent_encode(path, unreserved_or_slash);
}

std::string terminal_safe(std::string_view s) {
  const std::string valid = valid_utf8(s);
  std::string out;
  out.reserve(valid.size());
  static const char* kHex = "0123456789abcdef";
  for (std::size_t k = 0; k < valid.size(); ++k) {
    const auto c = static_cast<unsigned char>(valid[k]);
    // C1 controls are U+0080..U+009F, encoded as C2 80..C2 9F.
    if (c == 0xC2 && k + 1 < valid.size()) {
      const auto d = static_cast<unsigned char>(valid[k + 1]);
      if (d >= 0x80 && d <= 0x9F) {
        out += "\\u00";
        out += kHex[(d >> 4) & 0xF];
        out += kHex[d & 0xF];
        ++k;
        continue;
      }
    }
    if (c == '\t') {
      out += ' ';
    } else if (c < 0x20 || c == 0x7F) {
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace kvcheck::report
