#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "runtime/audit/log_chain.h"
#include "runtime/audit/log_verify.h"

namespace verdict {

// One decision record of a decision log, found by its `seq`, and how far
// the chain vouches for it (docs/explain.md#chain-status).
//
// A record's `prev` seals the records before it; its own bytes are sealed
// by the next record's `prev` (the last record's by the head). So:
//   chained: the verifier reached the record: every link from the start of
//            the log up to and including its `prev` verifies;
//   sealed:  the record after it verified too (its `prev` is this record's
//            link), or this is the last record and the whole log verified.
// The record is verified when both hold. A record past a broken link is
// still found (by reading the lines the verifier did not vouch for) so that
// it can be shown, but it is neither chained nor sealed.
struct LoggedDecision {
  uint64_t seq = 0;
  std::string file;  // the log file holding it, as given
  uint64_t line = 0;
  std::string time;           // as written: the writer's clock
  std::string decision_json;  // the `decision` object's bytes as written
  bool chained = false, sealed = false;
  bool last = false;  // the last record of the log (sealed only by the head)
  LogCheck log;       // the whole log's verification

  bool verified() const { return chained && sealed; }
};

// Reads `files` (a log's files, oldest first) through LogVerifier with
// `chain` and finds decision record `seq`. nullopt with `error`: a file
// cannot be read (E000), no record has that `seq`, or it is a recovery
// record (L008).
std::optional<LoggedDecision> find_logged_decision(const std::vector<std::string>& files, const LogChain& chain,
                                                   uint64_t seq, Diagnostic& error);

// What the chain proves about the record, in one sentence for a reader
// ("verified: ..." or "NOT VERIFIED: ...").
std::string chain_status_text(const LoggedDecision& record, bool keyed);
// The whole log's verification, in one sentence.
std::string log_status_text(const LoggedDecision& record, bool keyed);

}  // namespace verdict
