#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// When the decision log's records reach the disk (fdatasync), `[trace]
// fsync` in the deployment config. Whatever the choice, a record is written
// (into the page cache) before its decision is returned, so a crash of the
// process loses nothing; the choice is about a crash of the machine.
enum class LogSync {
  Always,    // every record is on disk before its decision is returned
  Batch,     // at the end of each batch of requests and when the log closes
  Interval,  // every `sync_interval_ms`, by a thread of the log
};

// The decision log a deployment names: `[trace] log`, `fsync`, `key_file`
// or `key_env`, `rotate_mib`, `rotate_hours` (docs/decision.md#the-decision-log).
struct DecisionLogConfig {
  std::string path;  // resolved; empty for no log
  LogSync sync = LogSync::Batch;
  uint32_t sync_interval_ms = 0;  // with LogSync::Interval
  // The HMAC key of a keyed chain is read from a file or an environment
  // variable when the log is opened, never from the config itself, so it
  // is neither in the config's text nor in its hash.
  std::string key_file;  // resolved; empty for none
  std::string key_env;   // the variable's name; empty for none
  // The key that seals @pii values for replay (`pii_key_file` or
  // `pii_key_env`, read like the HMAC key); both empty: none.
  std::string pii_key_file;  // resolved
  std::string pii_key_env;
  uint64_t rotate_bytes = 0;    // start a new file past this size; 0: never
  uint32_t rotate_seconds = 0;  // or when its first record is this old (`rotate_hours`); 0: never
};

struct LogSyncChoice {
  LogSync sync;
  uint32_t interval_ms = 0;
};

// "always", "batch" or "interval:MS" with MS a whole number of milliseconds
// from 1 to 3,600,000; nullopt for anything else.
std::optional<LogSyncChoice> parse_log_sync(std::string_view text);

}  // namespace verdict
