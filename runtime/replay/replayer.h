#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "runtime/audit/log_verify.h"
#include "runtime/replay/json_diff.h"
#include "runtime/replay/stored_versions.h"
#include "runtime/wire/pii_protection.h"
#include "runtime/wire/replay_record.h"

namespace verdict {

// Which records of a log to replay: all, one `seq`, or those whose `time`
// lies in [from, to], each bound compared on its own length (so `--to
// 2026-12-04` takes all of that day).
struct ReplaySelection {
  std::optional<uint64_t> id;
  std::string from, to;
  bool takes(const LogRecord& record) const;
};

enum class ReplayVerdict { Identical, Different, NotReplayable };

// One record decided again: identical bytes, different (the fields that
// differ), or why it could not be decided again.
struct RecordReplay {
  std::string file;
  uint64_t line = 0;
  uint64_t seq = 0;
  ReplayVerdict verdict = ReplayVerdict::Identical;
  JsonDiff diff;    // Different: the fields, before = logged, after = replayed
  std::string why;  // Different without a field diff, or NotReplayable
  // NotReplayable because a version failed its hash: the store or a file
  // was altered, which is a finding, not a limit of the record.
  bool integrity = false;
};

struct ReplaySummary {
  uint64_t records = 0, identical = 0, different = 0, not_replayable = 0, refused = 0;
  void count(const RecordReplay& r);
};

// Re-runs logged decisions on the exact versions they name (StoredVersions)
// with the settings their `replay` object recorded, and compares the bytes
// with the logged decision. Not thread-safe: one per replay.
class Replayer {
 public:
  // `store` may be null; `pii_keys` unseal @pii values (PiiProtection::Sealed).
  Replayer(const VersionStore* store, std::vector<PiiProtection> pii_keys)
      : versions_(store), pii_keys_(std::move(pii_keys)) {}

  // A decision record as the LogVerifier passed it.
  RecordReplay replay(const VerifiedRecord& record);

  // The logged decision of `record` and `challenger`'s decision of the same
  // request with the same settings (the trace at least `rules`, so that
  // the rules' firing can be compared); false with `why` when the record
  // cannot be decided again.
  bool challenge(const VerifiedRecord& record, const Engine& challenger, nlohmann::ordered_json& champion,
                 nlohmann::ordered_json& decided, std::string& why);

 private:
  // The record's logged decision (bytes) and its replay request; false with
  // `why` when it has none, or cannot be replayed.
  bool read(const VerifiedRecord& record, std::string_view& decision, ReplayRequest& request, std::string& why) const;

  StoredVersions versions_;
  std::vector<PiiProtection> pii_keys_;
};

}  // namespace verdict
