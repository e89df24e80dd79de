#include "compiler/util/bounded_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>

namespace verdict {
namespace {

std::string named(const std::string& path, const FileLimit& limit) {
  if (path == "-") return "standard input";
  return std::string(limit.kind) + " `" + path + "`";
}

// "a config file", "an input".
std::string a_kind(const FileLimit& limit) {
  bool vowel = std::strchr("aeiou", limit.kind[0]) != nullptr;
  return std::string(vowel ? "an " : "a ") + limit.kind;
}

FileRead unreadable(const std::string& path, const FileLimit& limit, int error) {
  std::string reason = std::strerror(error);
  if (!reason.empty()) reason[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(reason[0])));
  return {FileProblem::Unreadable, "cannot read " + named(path, limit) + ": " + reason};
}

std::string limit_text(uint64_t bytes) {
  std::string out = std::to_string(bytes) + " bytes";
  if (bytes % kMiB == 0) out += " (" + std::to_string(bytes / kMiB) + " MiB)";
  return out;
}

FileRead too_large(const std::string& path, const FileLimit& limit, uint64_t size, bool exact) {
  std::string how = exact ? "is " + std::to_string(size) + " bytes" : "is over the limit";
  return {FileProblem::TooLarge,
          named(path, limit) + " " + how + "; the limit for " + a_kind(limit) + " is " + limit_text(limit.max_bytes)};
}

const char* type_name(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISFIFO(mode)) return "a pipe";
  if (S_ISSOCK(mode)) return "a socket";
  return "a special file";
}

// Regular files always; pipes when the kind takes streams; standard input
// may also be a socket or a terminal, but never a device like /dev/zero.
bool acceptable_type(const struct stat& st, const FileLimit& limit, bool is_stdin) {
  if (S_ISREG(st.st_mode)) return true;
  if (!limit.streams) return false;
  if (S_ISFIFO(st.st_mode)) return true;
  return is_stdin && (S_ISSOCK(st.st_mode) || (S_ISCHR(st.st_mode) && ::isatty(STDIN_FILENO)));
}

FileRead wrong_type(const std::string& path, const FileLimit& limit, mode_t mode) {
  std::string want = limit.streams ? "a regular file, a pipe or `-` (standard input)" : "a regular file";
  return {FileProblem::NotRegular, named(path, limit) + " is " + type_name(mode) + ", not a regular file; " +
                                       a_kind(limit) + " must be " + want};
}

// Reads `fd` to its end, but never more than the limit plus one byte.
FileRead read_all(int fd, const std::string& path, const FileLimit& limit, std::string& out) {
  char buffer[1 << 16];
  for (;;) {
    uint64_t room = limit.max_bytes + 1 - out.size();
    ssize_t n = ::read(fd, buffer, std::min<uint64_t>(sizeof buffer, room));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return unreadable(path, limit, errno);
    if (n == 0) return {};
    out.append(buffer, static_cast<size_t>(n));
    if (out.size() > limit.max_bytes) return too_large(path, limit, out.size(), false);
  }
}

FileRead read_fd(int fd, const std::string& path, const FileLimit& limit, std::string& out) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) return unreadable(path, limit, errno);
  if (!acceptable_type(st, limit, path == "-")) return wrong_type(path, limit, st.st_mode);
  if (S_ISREG(st.st_mode)) {
    if (static_cast<uint64_t>(st.st_size) > limit.max_bytes) return too_large(path, limit, st.st_size, true);
    out.reserve(static_cast<size_t>(st.st_size));
  }
  return read_all(fd, path, limit, out);
}

}  // namespace

FileRead read_bounded_file(const std::string& path, const FileLimit& limit, std::string& out) {
  out.clear();
  FileRead result;
  if (path == "-" && limit.streams) {
    result = read_fd(STDIN_FILENO, path, limit, out);
  } else {
    // stat first: a pipe or device that is refused is never opened (opening
    // a pipe blocks until it has a writer).
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return unreadable(path, limit, errno);
    if (!acceptable_type(st, limit, false)) return wrong_type(path, limit, st.st_mode);
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0) return unreadable(path, limit, errno);
    result = read_fd(fd, path, limit, out);  // checks again: the path may have changed since stat
    ::close(fd);
  }
  if (!result) {
    out.clear();
    out.shrink_to_fit();
  }
  return result;
}

}  // namespace verdict
