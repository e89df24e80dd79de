#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"
#include "runtime/deploy/ruleset.h"
#include "runtime/deploy/trace_level.h"
#include "runtime/wire/pii_protection.h"

namespace verdict {

// The `replay` object the decision log keeps beside each decision
// (runtime/audit/log_record.h): what `verdict replay` needs to decide the
// same request again on the versions the decision names.
//   {"backend":"jit","trace":"full","request_line":N,"input":{...},"pii":{...}}
// `request_line` only when the decision has one. `input`: each present
// field of the frame but the @pii ones, by name, in declaration order, as
// decisions write values (enum members by name, ±inf as "inf"/"-inf",
// numbers as the shortest text that reads back as the same double), so it
// reads back as the same frame. `pii`, only when a @pii field is present
// (PiiProtection says which):
//   {"sealed":"aes-256-gcm","key_id":ID,"nonce":B64,"data":B64}: the object
//     of the @pii fields' values, encrypted with `input`'s text as AAD (so
//     sealed values cannot be moved to another record's input);
//   {"hashed":"hmac-sha256","values":{"FIELD":HEX,...}}: not replayable;
//   {"withheld":["FIELD",...]}: not replayable.
// Thread-safe: write() is const and keeps no state between calls.
class ReplayRecorder {
 public:
  ReplayRecorder(const ir::Program& program, BackendKind backend, PiiProtection pii)
      : program_(program), backend_(backend), pii_(std::move(pii)) {}

  std::string write(const Frame& frame, TraceLevel level, std::optional<uint32_t> request_line) const;

 private:
  std::string pii_object(const Frame& frame, std::string_view input_text) const;

  const ir::Program& program_;
  BackendKind backend_;
  PiiProtection pii_;
};

// A `replay` object read back: what to decide again, or why it cannot be.
struct ReplayRequest {
  BackendKind backend = BackendKind::Jit;
  TraceLevel trace = TraceLevel::Full;
  std::optional<uint32_t> request_line;
  nlohmann::json input;        // the request, @pii values unsealed
  std::string not_replayable;  // why it cannot be decided again; empty when it can
};

// Reads `text`, unsealing @pii values with the key among `keys` (Sealed
// protections) whose id the record names. A record sealed under a key not
// given, or whose seal does not verify, is not replayable (the reason
// says which); nullopt with `error` when `text` is not a replay object.
std::optional<ReplayRequest> read_replay(std::string_view text, const std::vector<PiiProtection>& keys,
                                         std::string& error);

}  // namespace verdict
