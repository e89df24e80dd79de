#include "runtime/api/decide_request.h"

#include "runtime/wire/explain_text.h"
#include "runtime/wire/request.h"

namespace verdict {

void decide_request(const ServedVersion& version, const nlohmann::json& request, const DecideSettings& settings,
                    Decision& scratch, DecideResult& out) {
  const Deployment& deployment = *version.deployment;
  RequestOptions options;
  options.allow_nonfinite = settings.allow_nonfinite;
  auto frame = frame_from_json(deployment.program(), request, out.errors, options);
  if (frame) decide_frame(version, *frame, settings, scratch, out);
}

void decide_frame(const ServedVersion& version, const Frame& frame, const DecideSettings& settings, Decision& scratch,
                  DecideResult& out) {
  const Deployment& deployment = *version.deployment;
  TraceLevel level = settings.trace ? *settings.trace : deployment.trace_level();
  deployment.decide_into(frame, scratch, level != TraceLevel::Off);
  out.json = version.format.write_text(frame, scratch, level, settings.request_line);
  if (version.replay) out.replay = version.replay->write(frame, level, settings.request_line);
  if (settings.explain) {
    // The text reads the full trace: the decision itself when it has one,
    // else the same decision written again at level full.
    out.explanation = level == TraceLevel::Full ? explain_text(nlohmann::ordered_json::parse(out.json))
                                                : explain_text(version.format.write(frame, scratch, TraceLevel::Full));
  }
  out.final_score = scratch.final;
  out.decided = true;
  out.outcome = scratch.outcome;
  out.fired_rules.reserve(scratch.evaluation.rules.size());
  for (uint32_t r = 0; r < scratch.evaluation.rules.size(); ++r) {
    if (scratch.evaluation.rules[r] == RuleStatus::Fired) out.fired_rules.push_back(r);
  }
}

}  // namespace verdict
