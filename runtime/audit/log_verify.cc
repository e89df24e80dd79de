#include "runtime/audit/log_verify.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>

#include "runtime/audit/log_record.h"
#include "runtime/audit/log_tail.h"

namespace verdict {
namespace {

// Splits `fd`'s bytes into lines without holding more than one line and one
// read's worth; calls `line(text)` for each whole line and `cut(text)` for
// the bytes after the last newline. False with `error` when it cannot read
// or a line is longer than kMaxLogTailBytes.
template <typename Line, typename Cut>
bool for_each_line(int fd, Line line, Cut cut, std::string& error) {
  std::string pending, buffer(1 << 20, '\0');
  for (;;) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read the file";
      return false;
    }
    if (n == 0) break;
    std::string_view chunk(buffer.data(), static_cast<size_t>(n));
    for (size_t end = chunk.find('\n'); end != std::string_view::npos; end = chunk.find('\n')) {
      pending.append(chunk.substr(0, end));
      if (!line(std::string_view(pending))) return true;
      pending.clear();
      chunk.remove_prefix(end + 1);
    }
    pending.append(chunk);
    if (pending.size() > kMaxLogTailBytes) {
      error = "a line is longer than " + std::to_string(kMaxLogTailBytes >> 20) + " MiB";
      return false;
    }
  }
  if (!pending.empty()) cut(std::string_view(pending));
  return true;
}

const char* kCutOff =
    "the last record has no newline: it was cut off (its writer stopped part-way; the writer records a recovery "
    "when it opens the log again)";

}  // namespace

LogVerifier::LogVerifier(LogAuditOptions options) : options_(std::move(options)), prev_(options_.chain.genesis()) {}

bool LogVerifier::fail(std::string message) {
  check_.ok = false;
  check_.message = std::move(message);
  return false;
}

// Why the current line's `prev` is not the link of the record before it.
std::string LogVerifier::broken_link_message() const {
  std::string link = "`prev` is not the " + std::string(options_.chain.link_name()) + " of ";
  if (check_.records == 0) {
    return link + "the start of the log: " +
           (options_.chain.keyed() ? "another key, or records before this one were removed"
                                   : "records before this one were removed");
  }
  if (check_.line == 1) return link + "the last record of the file before: one of the two was edited";
  std::string before = "line " + std::to_string(check_.line - 1);
  return link + before + ": " + before + " was edited";
}

bool LogVerifier::check_line(std::string_view text) {
  ++check_.line;
  std::string why;
  std::optional<LogRecord> record = parse_log_record(text, why);
  if (!record) return fail(why);
  if (record->keyed != options_.chain.keyed()) {
    return fail(record->keyed ? "the log is keyed (HMAC-SHA256): audit it with its key (--key-file or --key-env)"
                              : "a record without the key's chain in a keyed log: it was written without the key");
  }
  if (record->seq != check_.records + 1) {
    std::string hint = check_.records == 0 ? ": records before it were removed, or this is a later file of a rotated "
                                             "log given without the files before it"
                                           : ": records were removed or reordered";
    return fail("record " + std::to_string(record->seq) + " where record " + std::to_string(check_.records + 1) +
                " belongs" + hint);
  }
  if (record->prev != prev_) return fail(broken_link_message());
  prev_ = options_.chain.link(text);
  ++check_.records;
  check_.last_hash = prev_;
  if (record->kind == LogRecordKind::Recovery) {
    check_.recoveries.push_back(check_.file + ":" + std::to_string(check_.line) + ": a cut-off record of " +
                                std::to_string(record->cut_bytes) + " bytes, kept in recovery record " +
                                std::to_string(record->seq));
  }
  if (!options_.expect_head.empty() && prev_ == options_.expect_head) check_.expected_head_seq = record->seq;
  if (visit_) visit_(VerifiedRecord{check_.file, check_.line, *record, text});
  return true;
}

bool LogVerifier::check_file(const std::string& name) {
  check_.file = name;
  check_.line = 0;
  int fd = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return fail("cannot open the file");
  std::string error;
  bool cut = false;
  bool read = for_each_line(
      fd, [&](std::string_view line) { return check_line(line); }, [&](std::string_view) { cut = true; }, error);
  ::close(fd);
  if (!read) return fail(error);
  if (check_.ok && cut) {
    ++check_.line;
    return fail(kCutOff);
  }
  return check_.ok;
}

bool LogVerifier::check_bytes(const std::string& name, std::string_view bytes) {
  check_.file = name;
  check_.line = 0;
  while (!bytes.empty()) {
    size_t end = bytes.find('\n');
    if (end == std::string_view::npos) {
      ++check_.line;
      return fail(kCutOff);
    }
    if (!check_line(bytes.substr(0, end))) return false;
    bytes.remove_prefix(end + 1);
  }
  return true;
}

LogCheck LogVerifier::finish() {
  if (check_.ok && !options_.expect_head.empty() && check_.expected_head_seq == 0 &&
      options_.expect_head != options_.chain.genesis()) {
    check_.line = 0;
    fail("the expected head `" + options_.expect_head +
         "` is the link of no record: records were cut from the end, the log was replaced, or the key differs");
  }
  return check_;
}

LogCheck verify_decision_log(const std::string& bytes) {
  LogVerifier verifier{LogAuditOptions{}};
  verifier.check_bytes("", bytes);
  return verifier.finish();
}

}  // namespace verdict
