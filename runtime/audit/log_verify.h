#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "runtime/audit/log_chain.h"
#include "runtime/audit/log_record.h"

namespace verdict {

// What `verdict audit` found: the records verified, the recoveries among
// them, and the first problem (file, line, message) if any.
struct LogCheck {
  uint64_t records = 0;
  std::vector<std::string> recoveries;  // "line 57: a cut-off record of 3120 bytes"
  bool ok = true;
  std::string file;
  uint64_t line = 0;
  std::string message;
  std::string last_hash;           // the head: the link of the last good record
  uint64_t expected_head_seq = 0;  // the record whose link is the expected head; 0: not found
};

struct LogAuditOptions {
  LogChain chain;           // keyed: every record must be, and every link is an HMAC
  std::string expect_head;  // a head kept elsewhere that the log must hold; empty: none
};

// A record the verifier has just verified: its file and line, what it is,
// and its text (valid during the call).
struct VerifiedRecord {
  const std::string& file;
  uint64_t line;
  const LogRecord& record;
  std::string_view text;
};

// Verifies a decision log record by record, in order: each record's shape,
// sequence number and link to the one before. A rotated log is its files
// given oldest first: the chain continues across them.
class LogVerifier {
 public:
  explicit LogVerifier(LogAuditOptions options);

  // Calls `visit` with each record once it verified, in order (so every
  // record it sees is chained to the start of the log): how replay and the
  // explanation report read a log, trusting no record the chain does not.
  void on_record(std::function<void(const VerifiedRecord&)> visit) { visit_ = std::move(visit); }

  // Verifies the file `name` (a path); false at the first problem.
  bool check_file(const std::string& name);
  // The same for bytes in memory that `name` names.
  bool check_bytes(const std::string& name, std::string_view bytes);
  // The result, with the expected head looked for.
  LogCheck finish();

 private:
  bool check_line(std::string_view text);
  std::string broken_link_message() const;
  bool fail(std::string message);

  LogAuditOptions options_;
  LogCheck check_;
  std::string prev_;
  std::function<void(const VerifiedRecord&)> visit_;
};

// verify a single unkeyed log held in memory.
LogCheck verify_decision_log(const std::string& bytes);

}  // namespace verdict
