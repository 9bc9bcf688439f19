// Document: reading a config file from disk, choosing its syntax, and the Node functions that
// every reader uses to look values up and describe them in messages.
#include "kvcheck/io/document.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "kvcheck/base/input_error.hpp"
#include "parse_support.hpp"

namespace kvcheck::io {
namespace {

// Values longer than this are cut in messages: the point is to recognise the value, not to
// reproduce a paragraph.
constexpr std::size_t kMaxDescribed = 40;

std::string lower_extension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext;
}

bool looks_like_json(const std::string& text) {
  auto first =
      std::find_if(text.begin(), text.end(), [](unsigned char c) { return !std::isspace(c); });
  return first != text.end() && *first == '{';
}

std::string shortened(const std::string& text) {
  std::string shown = detail::one_line(text);
  if (shown.size() > kMaxDescribed) shown = shown.substr(0, kMaxDescribed) + "...";
  return shown;
}

/// What a file that is not a regular file is, for the message; empty for a regular file.
std::string not_regular(const struct stat& st) {
  if (S_ISDIR(st.st_mode)) return "is a directory, not a config file";
  if (S_ISFIFO(st.st_mode)) return "is a named pipe (FIFO), not a config file; not read";
  if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode)) return "is a device, not a config file; not read";
  if (S_ISSOCK(st.st_mode)) return "is a socket, not a config file";
  if (!S_ISREG(st.st_mode)) return "is not a regular file";
  return "";
}

std::string open_error(const std::string& path, int error) {
  struct stat link {};
  switch (error) {
    case ENOENT:
      if (::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        return "symbolic link to a file that does not exist";
      }
      return "no such file";
    case ELOOP:
      return "symbolic link loop (too many levels of symbolic links)";
    case EACCES:
    case EPERM:
      return "permission denied: cannot be opened for reading";
    case ENXIO:
      return "is a socket or a device without a reader, not a config file";
    default:
      return "cannot be opened for reading: " + std::string(std::strerror(error));
  }
}

/// `size`: the file's size in bytes, or empty when it only showed while reading.
std::string too_large(const std::string& size) {
  return "file of " + size + " bytes; config files are at most " +
         std::to_string(kMaxConfigBytes >> 20) + " MiB";
}

/// The whole file, never more than kMaxConfigBytes. Opened without blocking (a FIFO nobody
/// writes must not hang the run) and checked to be a regular file before anything is read,
/// so devices such as /dev/zero are never read at all.
std::string read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) throw InputError(path, 0, "", open_error(path, errno));
  struct Close {
    int fd;
    ~Close() { ::close(fd); }
  } closer{fd};
  struct stat st {};
  if (::fstat(fd, &st) != 0)
    throw InputError(path, 0, "", "cannot be read: " + std::string(std::strerror(errno)));
  if (const std::string what = not_regular(st); !what.empty()) throw InputError(path, 0, "", what);
  if (static_cast<std::uintmax_t>(st.st_size) > kMaxConfigBytes) {
    throw InputError(path, 0, "", too_large(std::to_string(st.st_size)));
  }
  // The size can change while reading (or be wrong, as in /proc); the cap holds regardless.
  std::string text;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t got = ::read(fd, buffer, sizeof buffer);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0)
      throw InputError(path, 0, "", "cannot be read: " + std::string(std::strerror(errno)));
    if (got == 0) break;
    text.append(buffer, static_cast<std::size_t>(got));
    if (text.size() > kMaxConfigBytes)
      throw InputError(path, 0, "", too_large("more than " + std::to_string(kMaxConfigBytes)));
  }
  return text;
}

}  // namespace

namespace detail {

std::string one_line(std::string s) {
  for (char& c : s) {
    if (std::iscntrl(static_cast<unsigned char>(c))) c = ' ';
  }
  return s;
}

const char* wide_encoding(const std::string& text) {
  const auto starts = [&](const char* bytes, std::size_t n) {
    return text.size() >= n && text.compare(0, n, bytes, n) == 0;
  };
  if (starts("\xFF\xFE\0\0", 4) || starts("\0\0\xFE\xFF", 4)) return "UTF-32";
  if (starts("\xFF\xFE", 2) || starts("\xFE\xFF", 2) ||
      (text.size() >= 2 && (text[0] == '\0') != (text[1] == '\0'))) {
    return "UTF-16";
  }
  return nullptr;
}

void reject_nul(const std::string& path, const std::string& text) {
  const std::size_t at = text.find('\0');
  if (at == std::string::npos) return;
  throw InputError(path, line_at(text, at), "",
                   "holds a NUL byte (byte " + std::to_string(at + 1) +
                       "); a config file is text, and neither JSON nor YAML allows one");
}

void reject_blank(const std::string& path, const std::string& text) {
  static const std::string kBom = "\xEF\xBB\xBF";
  const std::size_t start = text.rfind(kBom, 0) == 0 ? kBom.size() : 0;
  const bool blank = std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                                 [](unsigned char c) { return std::isspace(c); });
  if (blank) throw InputError(path, 0, "", "empty file; expected a mapping of config keys");
}

void ValueBudget::fail_value(int line, const std::string& field, std::size_t text_bytes) const {
  if (text_bytes > kMaxScalarBytes) {
    throw InputError(path_, line, field,
                     "value of " + std::to_string(text_bytes) + " bytes; values are at most " +
                         std::to_string(kMaxScalarBytes) + " bytes");
  }
  if (values_ > kMaxValues) {
    throw InputError(path_, line, field,
                     "more than " + std::to_string(kMaxValues) +
                         " values (after expanding YAML aliases and merge keys); not a config");
  }
  throw InputError(path_, line, field,
                   "more than " + std::to_string(kMaxExpandedBytes >> 20) +
                       " MiB of text (after expanding YAML aliases, merge keys and "
                       "references); not a config");
}

void ValueBudget::fail_key(int line, const std::string& field, std::size_t key_bytes) const {
  // The field would be the long key itself; its start is enough to find it.
  throw InputError(path_, line, field.substr(0, 40) + "...",
                   "key of " + std::to_string(key_bytes) + " bytes; keys are at most " +
                       std::to_string(kMaxKeyBytes) + " bytes");
}

void fail_too_deep(const std::string& path, int line) {
  throw InputError(path, line, "",
                   "nested deeper than " + std::to_string(kMaxDepth) + " levels; not a config");
}

int line_at(const std::string& text, std::size_t offset) {
  // An error at the end of input belongs to the last line, not to the empty "line" after
  // the final newline.
  const std::size_t clamped = text.empty() ? 0 : std::min(offset, text.size() - 1);
  const auto end = text.begin() + static_cast<std::ptrdiff_t>(clamped);
  return 1 + static_cast<int>(std::count(text.begin(), end, '\n'));
}

}  // namespace detail

const Node* Node::find(std::string_view name) const {
  if (kind != Kind::kMap) return nullptr;
  for (const Node& member : children) {
    if (member.key == name) return &member;
  }
  return nullptr;
}

const Node* Node::find_value(std::string_view name) const {
  const Node* member = find(name);
  return member != nullptr && member->kind != Kind::kNull ? member : nullptr;
}

std::string describe(const Node& node) {
  switch (node.kind) {
    case Node::Kind::kNull:
      return "null";
    case Node::Kind::kMap:
      return "a mapping";
    case Node::Kind::kList:
      return "a list";
    case Node::Kind::kString:
      return "string " + quoted(node);
    case Node::Kind::kBool:
    case Node::Kind::kInteger:
    case Node::Kind::kNumber:
      break;
  }
  return shortened(node.text);
}

std::string quoted(const Node& node) {
  return "\"" + shortened(node.text) + "\"";
}

Document read_document(const std::string& path) {
  const std::string text = read_file(path);
  const std::string ext = lower_extension(path);
  if (ext == ".json") return parse_json_document(path, text);
  if (ext == ".yaml" || ext == ".yml") return parse_yaml_document(path, text);
  return looks_like_json(text) ? parse_json_document(path, text) : parse_yaml_document(path, text);
}

}  // namespace kvcheck::io
