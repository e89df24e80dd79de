#pragma once
#include <memory>
#include <span>

#include "runtime/api/engine.h"
#include "runtime/audit/decision_log.h"
#include "runtime/wire/replay_record.h"

namespace verdict {

// The decision log as every front end uses it, in this one place:
//  - it is opened (its chain continued from its last record) when the
//    deployment that names it (`[trace] log`) is opened or swapped in: a
//    log that cannot be opened fails the open or the reload (L002), never
//    the decisions;
//  - a decision is returned only after it is logged (and, with `fsync =
//    "always"`, synced): one that could not be becomes a refusal (L001), so
//    the log and what callers saw never disagree.

// The log `next` names: `current` when it names the same file (by inode),
// a newly opened one, or null when it names none. False with L002 in
// `report`, also when `next` gives the same file another key.
bool log_for(const Deployment& next, const std::shared_ptr<DecisionLog>& current, std::shared_ptr<DecisionLog>& out,
             LoadReport& report);

// Keeps every version of `next` in the store its config names (`[trace]
// store`) before it decides anything; false with L006 in `report`.
bool versions_kept(const Deployment& next, LoadReport& report);

// The recorder of `next`'s replay objects (null when it names no log),
// with the PII key its config names read; false with L005 in `report`
// when that key cannot be read.
bool replay_recorder_for(const Deployment& next, BackendKind backend, std::unique_ptr<const ReplayRecorder>& out,
                         LoadReport& report);

// Appends a decided result's JSON to `log` (when there is one); if that
// fails the result is no longer decided and carries L001 instead.
void log_before_returning(DecisionLog* log, DecideResult& result);

// The same for a block of results handed out together: with `fsync =
// "always"` one sync covers the whole block, before any is returned.
void log_block_before_returning(DecisionLog* log, std::span<DecideResult> block);

}  // namespace verdict
