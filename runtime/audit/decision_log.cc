#include "runtime/audit/decision_log.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <ctime>

#include "compiler/util/write_all.h"
#include "runtime/audit/lock_holder.h"
#include "runtime/audit/log_record.h"
#include "runtime/audit/log_tail.h"
#include "runtime/audit/log_time.h"

namespace verdict {
namespace {

std::string os_error() { return std::strerror(errno); }

// Who holds the lock on `fd`'s file, for the message that refuses a second writer.
std::string holder_of(int fd) {
  struct stat st {};
  std::optional<pid_t> pid = ::fstat(fd, &st) == 0 ? flock_holder(st.st_dev, st.st_ino) : std::nullopt;
  if (!pid) return "a process or engine appending to it";
  if (*pid == ::getpid()) return "another engine in this process, pid " + std::to_string(*pid);
  return "process " + std::to_string(*pid);
}

// Opens and locks the file of a log; -1 with `error` when it cannot.
int open_locked(const std::string& path, int extra_flags, std::string& error) {
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    error = "decision log `" + path + "` is not a regular file";
    return -1;
  }
  int fd = ::open(path.c_str(), O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC | extra_flags, 0644);
  if (fd < 0) {
    error = "cannot open the decision log `" + path + "` for appending: " + os_error();
    return -1;
  }
  // One writer per log for the log's lifetime: a second process appending
  // would interleave lines and duplicate sequence numbers.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    error = "decision log `" + path + "` is in use by another writer (" + holder_of(fd) + "); one log has one writer";
    ::close(fd);
    return -1;
  }
  return fd;
}

// The record `line` as the last one of the log at `path`, checked against
// the line before it (empty: it is the first) so that a log written with
// another key, or none, is refused before anything is appended.
bool check_last_record(const std::string& path, const LogTail& tail, const LogChain& chain, LogRecord& out,
                       std::string& error) {
  std::string why;
  std::optional<LogRecord> last = parse_log_record(tail.last_line, why);
  std::string where =
      "decision log `" + path + "`: the last record (ending at byte " + std::to_string(tail.records_end) + ") ";
  if (!last) {
    error = where + "is " + why + "; not appending after it";
    return false;
  }
  if (last->keyed != chain.keyed()) {
    error = where + (last->keyed ? "is keyed (HMAC-SHA256) but the config gives no key (`trace.key_file` or "
                                   "`trace.key_env`)"
                                 : "is not keyed but the config gives a key: a keyed chain starts in a new file");
    return false;
  }
  // The first record of a file after rotation links into the file before,
  // which the writer does not read: its link is left to `verdict audit`.
  bool first_after_rotation = tail.line_before.empty() && last->seq > 1;
  std::string expected = tail.line_before.empty() ? chain.genesis() : chain.link(tail.line_before);
  if (!first_after_rotation && last->prev != expected) {
    error = where + "does not link to the record before it" + (chain.keyed() ? " with this key" : "") +
            "; run `verdict audit` on it";
    return false;
  }
  out = *last;
  return true;
}

}  // namespace

std::unique_ptr<DecisionLog> DecisionLog::open(const std::string& path, std::string& error,
                                               DecisionLogOptions options) {
  std::unique_ptr<DecisionLog> log(new DecisionLog());
  log->path_ = path;
  log->options_ = std::move(options);
  log->prev_ = log->options_.chain.genesis();
  int fd = open_locked(path, 0, error);
  if (fd < 0) return nullptr;
  log->fd_ = fd;
  struct stat st {};
  ::fstat(fd, &st);
  log->device_ = st.st_dev;
  log->inode_ = st.st_ino;
  if (!log->continue_chain(error)) return nullptr;
  if (log->options_.sync == LogSync::Interval)
    log->syncer_ = std::thread([raw = log.get()] { raw->sync_every_interval(); });
  return log;
}

// Reads the tail under the lock (no other writer is part-way through a
// record), takes up the chain after the last record, and turns a cut-off
// last record into a recovery record.
bool DecisionLog::continue_chain(std::string& error) {
  LogTail tail;
  std::string why;
  if (!read_log_tail(fd_, tail, why)) {
    error = "decision log `" + path_ + "`: " + why;
    return false;
  }
  if (!tail.last_line.empty()) {
    LogRecord last;
    if (!check_last_record(path_, tail, options_.chain, last, error)) return false;
    seq_ = last.seq;
    prev_ = options_.chain.link(tail.last_line);
  }
  size_ = tail.records_end;
  if (!first_seq_of_file(error)) return false;
  written_seq_ = seq_;
  synced_seq_ = seq_;
  if (tail.cut.empty()) return true;
  partial_ = true;  // the cut-off bytes past size_ go before the recovery record
  LogRecord recovery{.seq = seq_ + 1, .prev = prev_, .keyed = options_.chain.keyed(), .kind = LogRecordKind::Recovery};
  std::string line = log_record_line(recovery, log_time_now(), recovery_body(tail.cut));
  std::lock_guard<std::mutex> lock(mutex_);
  if (write_record(line, error) && sync(error)) return true;
  // The cut-off bytes are evidence: put them back rather than lose them.
  ::pwrite(fd_, tail.cut.data(), tail.cut.size(), static_cast<off_t>(tail.records_end));
  error = "decision log `" + path_ + "`: its last record was cut off, and recording the recovery failed: " + error;
  return false;
}

// The seq of the file's first record, which names the file when it is
// rotated (seq_ + 1 for a file without records), and its time, from which
// the file's age counts (rotate_seconds).
bool DecisionLog::first_seq_of_file(std::string& error) {
  file_first_seq_ = seq_ + 1;
  file_started_ms_ = 0;
  if (seq_ == 0 || size_ == 0) return true;
  std::string first, why;
  if (!read_log_head_line(fd_, first, why)) {
    error = "decision log `" + path_ + "`: " + why;
    return false;
  }
  std::optional<LogRecord> record = parse_log_record(first, why);
  if (!record) {
    error = "decision log `" + path_ + "`: its first line is " + why;
    return false;
  }
  file_first_seq_ = record->seq;
  // A first record whose time cannot be read counts as old: rotated at once.
  file_started_ms_ = parse_log_time(record->time).value_or(1);
  return true;
}

DecisionLog::~DecisionLog() {
  if (syncer_.joinable()) {
    {
      std::lock_guard<std::mutex> lock(stop_mutex_);
      stopping_ = true;
    }
    stop_syncer_.notify_all();
    syncer_.join();
  }
  std::string ignored;  // nobody is left to tell; the records are written
  sync(ignored);
  ::close(fd_);
}

// Cuts the file back to size_, where the last whole record ends.
bool DecisionLog::undo_partial_write(std::string& error) {
  if (::ftruncate(fd_, static_cast<off_t>(size_)) != 0) {
    error = "a failed write left part of a record in the decision log `" + path_ + "` and cutting it off failed too (" +
            os_error() + "); no record is appended until it can be";
    return false;
  }
  partial_ = false;
  return true;
}

// Writes `line` (no newline) as the next record. Called under mutex_.
bool DecisionLog::write_record(const std::string& line, std::string& error) {
  if (partial_ && !undo_partial_write(error)) return false;
  std::string bytes = line + '\n';
  if (!write_all(fd_, bytes)) {  // one write(2) on the O_APPEND fd: the record is whole or cut back
    std::string cause = os_error();
    partial_ = true;
    if (!undo_partial_write(error)) return false;
    error = "writing the decision log `" + path_ + "` failed (" + cause + "); the partial record was removed";
    return false;
  }
  if (size_ == 0) file_started_ms_ = log_time_ms_now();
  size_ += bytes.size();
  ++seq_;
  prev_ = options_.chain.link(line);
  written_seq_ = seq_;
  return true;
}

bool DecisionLog::append(std::string_view decision_json, std::string_view replay_json, std::string& error) {
  return append_unsynced(decision_json, replay_json, error) && sync_before_returning(error);
}

bool DecisionLog::sync_before_returning(std::string& error) { return options_.sync != LogSync::Always || sync(error); }

bool DecisionLog::append_unsynced(std::string_view decision_json, std::string_view replay_json, std::string& error) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (sync_failed_) {
    error = "an earlier fsync of the decision log `" + path_ +
            "` failed, so what is on disk is unknown; reopen the log (restart or reload) to go on";
    return false;
  }
  LogRecord record{.seq = seq_ + 1, .prev = prev_, .keyed = options_.chain.keyed()};
  std::string line = log_record_line(record, log_time_now(), decision_json, replay_json);
  // A record never straddles two files; a file that cannot be rotated now
  // (another process took the name) is tried again at the next record.
  if (due_for_rotation(line.size() + 1)) rotate();
  return write_record(line, error);
}

// Whether the current file is to be closed before a record of `bytes` is
// written: it would pass rotate_bytes, or its first record is at least
// rotate_seconds old. Never for a file without records. Called under mutex_.
bool DecisionLog::due_for_rotation(uint64_t bytes) const {
  if (size_ == 0) return false;
  if (options_.rotate_bytes && size_ + bytes > options_.rotate_bytes) return true;
  return options_.rotate_seconds && log_time_ms_now() - file_started_ms_ >= int64_t{options_.rotate_seconds} * 1000;
}

// Closes the current file as PATH.<first seq, 12 digits> and goes on in a
// new PATH, the chain continuing (`verdict audit --log PATH.* PATH`).
// Called under mutex_; false, with the current file still in use, when it
// cannot.
bool DecisionLog::rotate() {
  std::lock_guard<std::mutex> lock(sync_mutex_);  // no sync on the old fd while it is swapped
  if (::fdatasync(fd_) != 0) return false;        // a closed file is whole on disk
  synced_seq_ = written_seq_;
  char first[32];
  std::snprintf(first, sizeof first, "%012llu", static_cast<unsigned long long>(file_first_seq_));
  std::string closed = path_ + "." + first;
  if (::renameat2(AT_FDCWD, path_.c_str(), AT_FDCWD, closed.c_str(), RENAME_NOREPLACE) != 0) return false;
  std::string error;
  int fd = open_locked(path_, O_EXCL, error);
  if (fd < 0) {
    ::renameat2(AT_FDCWD, closed.c_str(), AT_FDCWD, path_.c_str(), RENAME_NOREPLACE);
    return false;
  }
  ::close(fd_.exchange(fd));
  struct stat st {};
  ::fstat(fd, &st);
  device_ = st.st_dev;
  inode_ = st.st_ino;
  size_ = 0;
  file_first_seq_ = seq_ + 1;
  return true;
}

bool DecisionLog::sync(std::string& error) {
  std::lock_guard<std::mutex> lock(sync_mutex_);
  if (sync_failed_) {
    error = "an earlier fsync of the decision log `" + path_ + "` failed";
    return false;
  }
  uint64_t target = written_seq_;
  if (synced_seq_ >= target) return true;
  if (::fdatasync(fd_) != 0) {
    sync_failed_ = true;
    error = "fsync of the decision log `" + path_ + "` failed (" + os_error() + ")";
    return false;
  }
  synced_seq_ = target;
  return true;
}

bool DecisionLog::end_batch(std::string& error) { return options_.sync != LogSync::Batch || sync(error); }

void DecisionLog::sync_every_interval() {
  std::unique_lock<std::mutex> lock(stop_mutex_);
  auto interval = std::chrono::milliseconds(options_.sync_interval_ms);
  while (!stop_syncer_.wait_for(lock, interval, [this] { return stopping_; })) {
    std::string error;  // a failure is kept in sync_failed_: the next append reports it
    sync(error);
  }
}

bool DecisionLog::is_file(const std::string& other) const {
  struct stat st {};
  return ::stat(other.c_str(), &st) == 0 && st.st_dev == device_ && st.st_ino == inode_;
}

std::string DecisionLog::head() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return prev_;
}

uint64_t DecisionLog::records() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return seq_;
}

}  // namespace verdict
