#include "runtime/audit/log_tail.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>

namespace verdict {
namespace {

bool read_range(int fd, uint64_t start, uint64_t end, std::string& out) {
  out.resize(end - start);
  for (uint64_t done = 0; done < out.size();) {
    ssize_t n = ::pread(fd, out.data() + done, out.size() - done, static_cast<off_t>(start + done));
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    done += static_cast<uint64_t>(n);
  }
  return true;
}

// The newline before `from` in `window`, or npos.
size_t newline_before(const std::string& window, size_t from) {
  return from == 0 || from == std::string::npos ? std::string::npos : window.rfind('\n', from - 1);
}

// Splits `window`, the file's bytes from `start` to its end, into the tail's
// parts; false when the window must reach further back to hold them.
bool split_tail(const std::string& window, uint64_t start, LogTail& out) {
  size_t last = window.rfind('\n');
  size_t before = newline_before(window, last);
  size_t earlier = newline_before(window, before);
  bool from_file_start = start == 0;
  if (!from_file_start && (last == std::string::npos || before == std::string::npos || earlier == std::string::npos)) {
    return false;
  }
  if (last == std::string::npos) {
    out.cut = window;
    return true;
  }
  out.records_end = start + last + 1;
  out.cut = window.substr(last + 1);
  size_t line_start = before == std::string::npos ? 0 : before + 1;
  out.last_line = window.substr(line_start, last - line_start);
  if (before == std::string::npos) return true;
  size_t before_start = earlier == std::string::npos ? 0 : earlier + 1;
  out.line_before = window.substr(before_start, before - before_start);
  return true;
}

}  // namespace

bool read_log_tail(int fd, LogTail& out, std::string& error) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = "cannot stat the file";
    return false;
  }
  out = LogTail{};
  out.size = static_cast<uint64_t>(st.st_size);
  std::string window;
  for (uint64_t width = 64 << 10;; width *= 2) {
    uint64_t start = out.size > width ? out.size - width : 0;
    if (!read_range(fd, start, out.size, window)) {
      error = "cannot read its last " + std::to_string(out.size - start) + " bytes";
      return false;
    }
    if (split_tail(window, start, out)) return true;
    if (width >= kMaxLogTailBytes) {
      error = "its last " + std::to_string(kMaxLogTailBytes >> 20) + " MiB do not hold two whole records";
      return false;
    }
  }
}

bool read_log_head_line(int fd, std::string& line, std::string& error) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    error = "cannot stat the file";
    return false;
  }
  uint64_t size = static_cast<uint64_t>(st.st_size);
  for (uint64_t width = 64 << 10;; width *= 2) {
    uint64_t end = std::min(size, width);
    if (!read_range(fd, 0, end, line)) {
      error = "cannot read its first " + std::to_string(end) + " bytes";
      return false;
    }
    size_t newline = line.find('\n');
    if (newline != std::string::npos || end == size) {
      line.resize(newline == std::string::npos ? 0 : newline);
      return true;
    }
    if (width >= kMaxLogTailBytes) {
      error = "its first " + std::to_string(kMaxLogTailBytes >> 20) + " MiB hold no whole record";
      return false;
    }
  }
}

}  // namespace verdict
