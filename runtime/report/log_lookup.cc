#include "runtime/report/log_lookup.h"

#include <unistd.h>

#include <fstream>

#include "runtime/audit/log_record.h"

namespace verdict {
namespace {

struct Found {
  bool any = false;
  LogRecordKind kind = LogRecordKind::Decision;
  LoggedDecision record;
};

void take(Found& found, const std::string& file, uint64_t line, const LogRecord& record, std::string_view text) {
  found.any = true;
  found.kind = record.kind;
  found.record.seq = record.seq;
  found.record.file = file;
  found.record.line = line;
  found.record.time = record.time;
  if (std::optional<LogRecordBody> body = log_record_body(text)) found.record.decision_json = body->decision;
}

// The first line of `files` that parses as record `seq`, read without the
// chain: how a record past a broken link is still found.
Found scan_unverified(const std::vector<std::string>& files, uint64_t seq) {
  Found found;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    uint64_t line = 0;
    for (std::string text; std::getline(in, text);) {
      ++line;
      std::string why;
      std::optional<LogRecord> record = parse_log_record(text, why);
      if (!record || record->seq != seq) continue;
      take(found, file, line, *record, text);
      return found;
    }
  }
  return found;
}

std::string where(const LogCheck& check) {
  return check.line ? check.file + ":" + std::to_string(check.line) : check.file;
}

std::optional<LoggedDecision> refuse(Diagnostic& error, const DiagnosticCode& code, std::string message) {
  error = Diagnostic::unlocated(code, std::move(message));
  return std::nullopt;
}

}  // namespace

std::optional<LoggedDecision> find_logged_decision(const std::vector<std::string>& files, const LogChain& chain,
                                                   uint64_t seq, Diagnostic& error) {
  for (const std::string& file : files) {
    if (::access(file.c_str(), R_OK) != 0) return refuse(error, code::E000, "cannot read `" + file + "`");
  }
  Found found;
  LogVerifier verifier(LogAuditOptions{chain, ""});
  verifier.on_record([&](const VerifiedRecord& r) {
    if (r.record.seq == seq) take(found, r.file, r.line, r.record, r.text);
  });
  for (const std::string& file : files) {
    if (!verifier.check_file(file)) break;
  }
  LogCheck check = verifier.finish();
  bool chained = found.any;
  if (!chained) found = scan_unverified(files, seq);
  std::string seq_text = "`" + std::to_string(seq) + "`";
  if (!found.any) {
    std::string held = check.ok ? "it holds records 1 to " + std::to_string(check.records)
                                : std::to_string(check.records) + " records verified before its chain breaks";
    return refuse(error, code::L008, "the log holds no record with `seq` " + seq_text + " (" + held + ")");
  }
  if (found.kind == LogRecordKind::Recovery) {
    return refuse(error, code::L008,
                  "record " + seq_text +
                      " is a recovery record (a cut-off record its writer never returned), "
                      "not a decision");
  }
  found.record.chained = chained;
  found.record.last = check.ok && check.records == seq;
  found.record.sealed = chained && (check.records > seq || found.record.last);
  found.record.log = std::move(check);
  return std::move(found.record);
}

namespace {

// "records 1 to N link from the start of the log", or record 1's own link.
std::string linked_from_start(uint64_t seq) {
  if (seq == 1) return "record 1 links to the start of the log";
  return "records 1 to " + std::to_string(seq) + " link from the start of the log";
}

}  // namespace

std::string chain_status_text(const LoggedDecision& r, bool keyed) {
  std::string link = keyed ? "HMAC-SHA256" : "SHA-256";
  if (!r.chained) {
    return "NOT VERIFIED: the chain breaks before this record, at " + where(r.log) + " (" + r.log.message +
           "); nothing vouches for what this record says";
  }
  if (!r.sealed) {
    return "NOT VERIFIED: " + linked_from_start(r.seq) +
           ", but the chain breaks right after "
           "this record, at " +
           where(r.log) + " (" + r.log.message + "): this record's own bytes are not sealed";
  }
  if (r.last) {
    return "verified: " + linked_from_start(r.seq) + " (" + link +
           "); this is the last record, so its own bytes are sealed only by the head " + r.log.last_hash +
           " (compare it with a head kept elsewhere: verdict audit --expect-head)";
  }
  return "verified: " + linked_from_start(r.seq) + " and record " + std::to_string(r.seq + 1) +
         " links to this record's bytes (" + link + ")";
}

std::string log_status_text(const LoggedDecision& r, bool keyed) {
  const LogCheck& c = r.log;
  if (!c.ok) {
    return "broken at " + where(c) + ": " + c.message + " (" + std::to_string(c.records) +
           " records verified before it)";
  }
  return std::to_string(c.records) + " records, chain intact" + (keyed ? " (keyed, HMAC-SHA256)" : "") + ", last " +
         (keyed ? "hmac-sha256 " : "sha256 ") + c.last_hash;
}

}  // namespace verdict
