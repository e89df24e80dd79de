#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace verdict {

// One record of the decision log: one line of compact JSON, keys in this
// order:
//   {"seq":N,"time":"2026-12-01T09:30:00.123Z","prev":"<hex>","decision":{...},"replay":{...}}
// A keyed log's records carry "chain":"hmac-sha256" after `prev`. `replay`
// (runtime/wire/replay_record.h) is what re-running the decision needs; a
// record written before it existed has none. Instead of
// `decision`, a recovery record has `recovery`: it is written when a log is
// opened whose last record was cut off (the writer stopped part-way through
// it), which it replaces and keeps, as
//   {"cut_bytes":K,"cut_sha256":"<hex>","cut_base64":"...","reason":"..."}.
enum class LogRecordKind { Decision, Recovery };

struct LogRecord {
  uint64_t seq = 0;
  std::string prev;
  bool keyed = false;
  LogRecordKind kind = LogRecordKind::Decision;
  uint64_t cut_bytes = 0;  // a recovery record's cut-off record, in bytes
  std::string time = {};   // as written (runtime/audit/log_time.h); filled by parse_log_record only
};

// The line of a record (no newline). `body_json` goes in byte for byte: the
// decision exactly as it was returned, or the recovery object; so does
// `replay_json`, left out when empty.
std::string log_record_line(const LogRecord& record, std::string_view time, std::string_view body_json,
                            std::string_view replay_json = {});

// The `recovery` object for a cut-off record of bytes `cut`.
std::string recovery_body(std::string_view cut);

// `line` as a record; nullopt with `why` ("not a decision log record", or
// what is wrong with a recovery) when it is not one.
std::optional<LogRecord> parse_log_record(std::string_view line, std::string& why);

// The bytes of a decision record's `decision` and `replay` objects exactly
// as written (views into `line`; `replay` empty when it has none), for a
// line that parse_log_record accepted as a decision record; nullopt
// otherwise.
struct LogRecordBody {
  std::string_view decision, replay;
};
std::optional<LogRecordBody> log_record_body(std::string_view line);

}  // namespace verdict
