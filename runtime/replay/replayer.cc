#include "runtime/replay/replayer.h"

#include "runtime/wire/replay_record.h"

namespace verdict {
namespace {

using Json = nlohmann::ordered_json;

// The bound `bound` against the start of `time` as long as it.
int compare_prefix(const std::string& time, const std::string& bound) { return time.compare(0, bound.size(), bound); }

RecordReplay not_replayable(RecordReplay r, std::string why, bool integrity = false) {
  r.verdict = ReplayVerdict::NotReplayable;
  r.why = std::move(why);
  r.integrity = integrity;
  return r;
}

// What the replayed decision's errors were, as one line.
std::string refusal(const DecideResult& result) {
  std::string out = "the request was refused on replay:";
  for (const Diagnostic& d : result.errors) out += " " + d.code + " " + d.message + ";";
  return out;
}

}  // namespace

bool ReplaySelection::takes(const LogRecord& record) const {
  if (record.kind != LogRecordKind::Decision || (id && record.seq != *id)) return false;
  if (!from.empty() && compare_prefix(record.time, from) < 0) return false;
  return to.empty() || compare_prefix(record.time, to) <= 0;
}

void ReplaySummary::count(const RecordReplay& r) {
  ++records;
  if (r.verdict == ReplayVerdict::Identical) ++identical;
  if (r.verdict == ReplayVerdict::Different) ++different;
  if (r.verdict == ReplayVerdict::NotReplayable) ++not_replayable;
  if (r.integrity) ++refused;
}

RecordReplay Replayer::replay(const VerifiedRecord& record) {
  RecordReplay out;
  out.file = record.file;
  out.line = record.line;
  out.seq = record.record.seq;
  std::optional<LogRecordBody> body = log_record_body(record.text);
  if (!body) return not_replayable(std::move(out), "the record's decision cannot be read");
  if (body->replay.empty()) {
    return not_replayable(std::move(out), "the record has no `replay` object (written by a verdict that kept none)");
  }
  std::string error;
  std::optional<ReplayRequest> request = read_replay(body->replay, pii_keys_, error);
  if (!request) return not_replayable(std::move(out), error);
  if (!request->not_replayable.empty()) return not_replayable(std::move(out), request->not_replayable);
  Json logged = Json::parse(body->decision, nullptr, false);
  const Engine* engine = logged.is_object() ? versions_.engine_for(logged, request->backend, error) : nullptr;
  if (!engine) return not_replayable(std::move(out), logged.is_object() ? error : "the decision is not JSON", true);
  DecideSettings settings;
  settings.trace = request->trace;
  settings.request_line = request->request_line;
  settings.allow_nonfinite = true;  // the frame was accepted once; ±inf are written as "inf"
  DecideResult again = engine->decide(request->input, settings);
  if (again.decided && again.json == body->decision) return out;
  out.verdict = ReplayVerdict::Different;
  if (!again.decided) {
    out.why = refusal(again);
  } else {
    out.diff = diff_json(logged, Json::parse(again.json));
    if (out.diff.count == 0) out.why = "the same values written with other bytes";
  }
  return out;
}

}  // namespace verdict
