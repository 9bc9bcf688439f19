// Atomic file replacement: write a sibling temporary file, fsync it, rename it over the
// target (atomic within one file system on POSIX), then fsync the directory so the rename
// itself survives a crash.
#include "kvcheck/report/atomic_write.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <filesystem>

#include "kvcheck/base/input_error.hpp"

namespace kvcheck::report {
namespace {

/// The file being written and the flag that named it, for error messages.
struct Target {
  const std::string& path;
  const std::string& flag;
};

[[noreturn]] void fail(const Target& target, const std::string& what, int error) {
  throw InputError(target.path, 0, target.flag, what + ": " + std::strerror(error));
}

/// The temporary file being written, for the signal handler: a fixed buffer, since a
/// handler may only call async-signal-safe functions (unlink, raise), never allocate.
char pending_temp[4096];
volatile std::sig_atomic_t temp_pending = 0;

extern "C" void remove_temp_and_exit(int sig) {
  if (temp_pending) ::unlink(pending_temp);
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

/// SIGINT or SIGTERM while a temporary file exists remove it: the old report stays as it
/// was and nothing is left beside it. Handlers already installed by someone else are kept.
void install_signal_cleanup() {
  static const bool installed = [] {
    for (const int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      if (::sigaction(sig, nullptr, &old) == 0 && old.sa_handler != SIG_DFL) continue;
      struct sigaction action {};
      action.sa_handler = remove_temp_and_exit;
      sigemptyset(&action.sa_mask);
      ::sigaction(sig, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

/// Closes the descriptor and removes the temporary file unless the rename happened.
class TempFile {
 public:
  TempFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {
    if (path_.size() < sizeof pending_temp) {
      std::memcpy(pending_temp, path_.c_str(), path_.size() + 1);
      temp_pending = 1;
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  ~TempFile() {
    if (fd_ >= 0) ::close(fd_);
    if (!renamed_) ::unlink(path_.c_str());
    temp_pending = 0;
  }
  int fd() const { return fd_; }
  const std::string& path() const { return path_; }
  /// Closes now, so a failing close (some file systems report write errors only there) is
  /// seen before the rename.
  int close() {
    const int rc = ::close(fd_);
    fd_ = -1;
    return rc;
  }
  void mark_renamed() {
    renamed_ = true;
    temp_pending = 0;
  }

 private:
  std::string path_;
  int fd_;
  bool renamed_ = false;
};

/// Creates a new file next to `target`. O_EXCL with a unique name instead of mkstemp keeps
/// the usual permissions (0666 less the umask) rather than mkstemp's 0600.
TempFile create_sibling(const Target& target) {
  static std::atomic<unsigned> counter{0};
  const std::filesystem::path p(target.path);
  const std::filesystem::path dir = p.has_parent_path() ? p.parent_path() : ".";
  for (int attempt = 0; attempt < 100; ++attempt) {
    const std::string name = "." + p.filename().string() + "." + std::to_string(::getpid()) + "." +
                             std::to_string(counter++) + ".tmp";
    const std::string temp = (dir / name).string();
    const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0) return TempFile(temp, fd);
    const int error = errno;
    if (error != EEXIST) fail(target, "cannot create a file in '" + dir.string() + "'", error);
  }
  fail(target, "cannot create a temporary file next to it", EEXIST);
}

void write_all(const TempFile& file, const Target& target, const std::string& content) {
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(file.fd(), content.data() + done, content.size() - done);
    const int error = errno;
    if (n < 0 && error == EINTR) continue;
    if (n < 0) fail(target, "cannot write", error);
    done += static_cast<std::size_t>(n);
  }
}

/// Best effort: some file systems cannot fsync a directory, and the file is complete anyway.
void sync_directory(const std::string& target) {
  const std::filesystem::path p(target);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return;
  ::fsync(fd);
  ::close(fd);
}

}  // namespace

void write_file_atomically(const std::string& path, const std::string& content,
                           const std::string& flag) {
  if (path.empty()) throw InputError(path, 0, flag, "empty file name");
  const Target target{path, flag};
  install_signal_cleanup();
  TempFile temp = create_sibling(target);
  write_all(temp, target, content);
  if (::fsync(temp.fd()) != 0) fail(target, "cannot flush to disk", errno);
  if (temp.close() != 0) fail(target, "cannot write", errno);
  if (::rename(temp.path().c_str(), path.c_str()) != 0) fail(target, "cannot replace", errno);
  temp.mark_renamed();
  sync_directory(path);
}

void check_output_target(const std::string& path, const std::vector<std::string>& inputs,
                         const std::string& flag) {
  if (path.empty()) throw InputError("", 0, flag, "empty file name");
  const std::filesystem::path p(path);
  const std::string dir = p.has_parent_path() ? p.parent_path().string() : ".";
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) {
    throw InputError(path, 0, flag, "folder '" + dir + "' does not exist");
  }
  if (!S_ISDIR(st.st_mode)) throw InputError(path, 0, flag, "'" + dir + "' is not a folder");
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw InputError(path, 0, flag,
                     "cannot write in folder '" + dir + "': " + std::strerror(errno));
  }
  if (::stat(path.c_str(), &st) != 0) return;  // a new file
  if (S_ISDIR(st.st_mode)) throw InputError(path, 0, flag, "is a folder; expected a file name");
  if (!S_ISREG(st.st_mode)) {
    throw InputError(path, 0, flag,
                     "is not a regular file (a device, pipe or socket); a report is written "
                     "as a new file that replaces it. Leave out " +
                         flag + " to print it");
  }
  for (const std::string& input : inputs) {
    struct stat in {};
    if (::stat(input.c_str(), &in) == 0 && in.st_dev == st.st_dev && in.st_ino == st.st_ino) {
      throw InputError(
          path, 0, flag,
          input == path ? "is an input of this run; writing the report there would "
                          "replace it"
                        : "is the input " + input + "; writing the report there would replace it");
    }
  }
}

}  // namespace kvcheck::report
