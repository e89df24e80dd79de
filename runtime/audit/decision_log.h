#pragma once
#include <sys/types.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "runtime/audit/log_chain.h"
#include "runtime/deploy/decision_log_config.h"

namespace verdict {

// How a DecisionLog keeps its file: when records reach the disk, the chain
// (keyed or not), and when a file is rotated.
struct DecisionLogOptions {
  LogSync sync = LogSync::Batch;
  uint32_t sync_interval_ms = 0;  // with LogSync::Interval
  LogChain chain{};
  uint64_t rotate_bytes = 0;    // 0: never
  uint32_t rotate_seconds = 0;  // a file whose first record is this old is closed; 0: never
};

// The writer of a decision log: JSON Lines, append-only, one record per
// decision (the format: runtime/audit/log_record.h), each chained to the
// one before (runtime/audit/log_chain.h); `verdict audit` verifies it.
//
// INVARIANTS: a record goes out whole in one write(2) on an O_APPEND fd, in
// `seq` order; a write that fails part-way is cut back off before append()
// returns (or, if that fails too, before the next record is written), so
// the file only ever holds whole records; one writer per log: the file is
// flock()ed exclusively for as long as it is open. Thread-safe.
class DecisionLog {
 public:
  // Opens `path` for appending, creating it if needed, and continues the
  // chain from its last record, read from the end of the file alone. A
  // last record cut off part-way (the writer was killed in the middle of
  // it) is removed and kept in a recovery record that continues the chain.
  // Null with `error` when the file cannot be opened, is not a regular
  // file, another writer holds it, its last record is not one, or it was
  // written with another key (or none).
  static std::unique_ptr<DecisionLog> open(const std::string& path, std::string& error,
                                           DecisionLogOptions options = {});
  ~DecisionLog();  // syncs what was appended

  // Appends one record around `decision_json`, the decision as one line of
  // JSON text exactly as it was returned (compact, no newline): the record
  // embeds those bytes unchanged. With LogSync::Always it is on disk when
  // this returns. False with `error` when it could not be written or
  // synced: the decision must then be treated as not logged.
  bool append(std::string_view decision_json, std::string& error) { return append(decision_json, {}, error); }
  // The same with the record's `replay` object (runtime/audit/log_record.h),
  // also embedded as given; none when empty.
  bool append(std::string_view decision_json, std::string_view replay_json, std::string& error);
  // The same without the sync: for a caller that appends several records
  // and then calls sync_before_returning() once, before returning any.
  bool append_unsynced(std::string_view decision_json, std::string_view replay_json, std::string& error);
  // sync() with LogSync::Always: what append() does after each record.
  bool sync_before_returning(std::string& error);
  // Makes every record appended so far durable (fdatasync). After a failed
  // sync the log refuses every append: what is on disk is unknown.
  bool sync(std::string& error);
  // The end of a batch of requests: sync() with LogSync::Batch.
  bool end_batch(std::string& error);

  const std::string& path() const { return path_; }
  const DecisionLogOptions& options() const { return options_; }
  // Whether `other` names this log's file (the same inode), by any path.
  bool is_file(const std::string& other) const;
  // The link of the last record (the head to keep elsewhere), and its seq.
  std::string head() const;
  uint64_t records() const;

 private:
  DecisionLog() = default;
  bool continue_chain(std::string& error);
  bool first_seq_of_file(std::string& error);
  bool write_record(const std::string& line, std::string& error);
  bool undo_partial_write(std::string& error);
  bool due_for_rotation(uint64_t bytes) const;
  bool rotate();
  void sync_every_interval();

  std::string path_;
  DecisionLogOptions options_;
  std::atomic<int> fd_{-1};  // O_APPEND, flock()ed exclusively while open
  dev_t device_ = 0;
  ino_t inode_ = 0;

  mutable std::mutex mutex_;  // guards the fields below and every write
  uint64_t seq_ = 0;
  std::string prev_;
  uint64_t size_ = 0;            // of the file: where the next record starts
  uint64_t file_first_seq_ = 1;  // the first record of the current file (rotation names)
  int64_t file_started_ms_ = 0;  // the time of that record (log_time.h); 0 while the file has none
  bool partial_ = false;         // a failed write left bytes past size_ not yet cut off

  // Group commit: a sync covers every record written before it started.
  // Lock order: mutex_ before sync_mutex_ (rotation); sync() takes only
  // sync_mutex_ and reads written_seq_ and fd_ atomically.
  std::mutex sync_mutex_;
  uint64_t synced_seq_ = 0;  // under sync_mutex_
  std::atomic<uint64_t> written_seq_{0};
  std::atomic<bool> sync_failed_{false};

  std::thread syncer_;  // with LogSync::Interval
  std::mutex stop_mutex_;
  std::condition_variable stop_syncer_;
  bool stopping_ = false;  // under stop_mutex_
};

}  // namespace verdict
