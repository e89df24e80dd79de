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

bool Replayer::read(const VerifiedRecord& record, std::string_view& decision, ReplayRequest& request,
                    std::string& why) const {
  std::optional<LogRecordBody> body = log_record_body(record.text);
  if (!body) {
    why = "the record's decision cannot be read";
    return false;
  }
  if (body->replay.empty()) {
    why = "the record has no `replay` object (written by a verdict that kept none)";
    return false;
  }
  std::optional<ReplayRequest> read = read_replay(body->replay, pii_keys_, why);
  if (!read) return false;
  if (!read->not_replayable.empty()) {
    why = read->not_replayable;
    return false;
  }
  decision = body->decision;
  request = std::move(*read);
  return true;
}

namespace {

DecideSettings settings_of(const ReplayRequest& request) {
  DecideSettings settings;
  settings.trace = request.trace;
  settings.request_line = request.request_line;
  settings.allow_nonfinite = true;  // the frame was accepted once; ±inf are written as "inf"
  return settings;
}

}  // namespace

RecordReplay Replayer::replay(const VerifiedRecord& record) {
  RecordReplay out;
  out.file = record.file;
  out.line = record.line;
  out.seq = record.record.seq;
  std::string_view decision;
  ReplayRequest request;
  std::string error;
  if (!read(record, decision, request, error)) return not_replayable(std::move(out), error);
  Json logged = Json::parse(decision, nullptr, false);
  const Engine* engine = logged.is_object() ? versions_.engine_for(logged, request.backend, error) : nullptr;
  if (!engine) return not_replayable(std::move(out), logged.is_object() ? error : "the decision is not JSON", true);
  DecideResult again = engine->decide(request.input, settings_of(request));
  if (again.decided && again.json == decision) return out;
  out.verdict = ReplayVerdict::Different;
  if (!again.decided) {
    out.why = refusal(again);
  } else {
    out.diff = diff_json(logged, Json::parse(again.json));
    if (out.diff.count == 0) out.why = "the same values written with other bytes";
  }
  return out;
}

bool Replayer::challenge(const VerifiedRecord& record, const Engine& challenger, Json& champion, Json& decided,
                         std::string& why) {
  std::string_view decision;
  ReplayRequest request;
  if (!read(record, decision, request, why)) return false;
  champion = Json::parse(decision, nullptr, false);
  DecideSettings settings = settings_of(request);
  if (request.trace == TraceLevel::Off) settings.trace = TraceLevel::Rules;
  DecideResult result = challenger.decide(request.input, settings);
  if (!result.decided) {
    why = refusal(result);
    return false;
  }
  decided = Json::parse(result.json);
  return champion.is_object();
}

}  // namespace verdict
