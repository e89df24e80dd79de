#pragma once
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace verdict {

// The decision log: JSON Lines, append-only, one record per decision, each
// chained to the one before by SHA-256 so that an edit, a deletion or a
// reordering anywhere is detected by verify_decision_log().
//
// A record is, on one line and in this key order:
//   {"seq": N, "time": "2026-12-01T09:30:00.123Z", "prev": "<hex>", "decision": {...}}
// where `seq` counts from 1, `prev` is the SHA-256 of the previous line's
// bytes (without its newline), 64 zeros for the first record, and
// `decision` is the decision exactly as `verdict decide` prints it.
// INVARIANT: records are written whole, one write per line, in `seq` order.
// Thread-safe: append() may be called from any number of threads.
class DecisionLog {
 public:
  // Opens `path` for appending, creating it if needed; an existing log is
  // verified first and continued (its last record's hash and seq). Null with
  // `error` when the file cannot be opened, does not verify, or another
  // writer (a process, or another DecisionLog in this one) holds it: the log
  // is flock()ed exclusively, without waiting, for as long as it is open.
  static std::unique_ptr<DecisionLog> open(const std::string& path, std::string& error);
  ~DecisionLog();

  // Appends one record around `decision_json`, the decision as one line of
  // JSON text exactly as it was returned (compact, no newline): the record
  // embeds those bytes unchanged. False with `error` when the write failed
  // (the decision must then be treated as not logged).
  bool append(std::string_view decision_json, std::string& error);
  const std::string& path() const { return path_; }

 private:
  DecisionLog() = default;

  std::string path_;
  int fd_ = -1;  // O_APPEND, flock()ed exclusively while open
  std::mutex mutex_;
  uint64_t seq_ = 0;
  std::string prev_;
};

// What verification found: `records` read, and the first problem (line,
// message) if any.
struct LogCheck {
  uint64_t records = 0;
  bool ok = true;
  uint64_t line = 0;
  std::string message;
  std::string last_hash;  // of the last good line
};

// Reads a decision log from its bytes and checks every record's shape,
// sequence number and chain link.
LogCheck verify_decision_log(const std::string& bytes);

inline constexpr const char* kLogGenesis = "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace verdict
