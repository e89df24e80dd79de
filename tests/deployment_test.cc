// A deployment as the C++ API gives it: the blend follows the config's
// weights (and a segment's override), knock-outs decide before the blend,
// SHAP is computed exactly when the config says, model reasons follow
// their direction, and config errors against the ruleset are reported.
#include "runtime/deploy/deployment.h"

#include <catch2/catch.hpp>
#include <cmath>

#include "runtime/core/model_effects.h"
#include "runtime/wire/decision_json.h"
#include "runtime/wire/request.h"
#include "tests/support/csv.h"
#include "tests/support/golden.h"

namespace verdict {
namespace {

// The shipped credit deployment with `blend` and `trace` replaced.
std::shared_ptr<const Deployment> credit(const std::string& blend, const std::string& trace, LoadReport& report) {
  DeploymentSources sources;
  sources.config_path = testing::source_path("rules/test.deploy.toml");
  sources.config_text = "ruleset = \"credit_approval.rules\"\n" + blend + "\n[trace]\n" + trace + "\n";
  return Deployment::open(sources, report, BackendKind::Interpreter);
}

std::shared_ptr<const Deployment> credit(const std::string& blend, const std::string& trace = "") {
  LoadReport report;
  auto d = credit(blend, trace, report);
  INFO(report.render());
  REQUIRE(d);
  return d;
}

std::vector<Frame> credit_frames(const Deployment& d, size_t limit) {
  testing::Csv csv = testing::read_csv(testing::source_path("tests/data/credit_data.csv"));
  std::vector<Frame> frames;
  for (size_t row = 0; row < csv.rows.size() && frames.size() < limit; ++row) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(d.program(), testing::row_request(csv, row, {"records"}, {"status"}), errors);
    REQUIRE(frame);
    frames.push_back(std::move(*frame));
  }
  return frames;
}

const char* kBlend46 = "[blend]\nhuman = 0.4\nmodel = 0.6\n";
const char* kBlend91 = "[blend]\nhuman = 0.9\nmodel = 0.1\n";

TEST_CASE("deployment: changing only the weights changes final, and the decision records them", "[deploy]") {
  auto a = credit(kBlend46);
  auto b = credit(kBlend91);
  size_t thin = 0;
  for (const Frame& f : credit_frames(*a, 400)) {
    Decision da = a->decide(f), db = b->decide(f);
    // Rules and model are untouched by the weights.
    REQUIRE(da.human == db.human);
    REQUIRE(da.model.probability == db.model.probability);
    REQUIRE(da.final == 0.4 * da.human + 0.6 * da.model.score);
    REQUIRE(db.final == 0.9 * db.human + 0.1 * db.model.score);
    auto ja = decision_json(*a, f, da, TraceLevel::Off);
    CHECK(ja["score"]["weights"]["human"] == 0.4);
    CHECK(ja["score"]["weights"]["model"] == 0.6);
    CHECK(ja["score"]["weights"]["from"] == "blend");
    CHECK(ja["score"]["final"] == da.final);
    if (a->program().derived[a->program().segments[0]].name == "thin_file" &&
        da.segment == static_cast<int32_t>(a->program().segments[0]))
      ++thin;
  }
  CHECK(thin > 0);
}

TEST_CASE("deployment: a segment's weights apply to decisions in that segment only", "[deploy]") {
  auto d = credit(std::string(kBlend46) + "[blend.segments.thin_file]\nhuman = 0.7\nmodel = 0.3\n");
  size_t in_segment = 0, outside = 0;
  for (const Frame& f : credit_frames(*d, 600)) {
    Decision dec = d->decide(f);
    bool thin = dec.segment >= 0 && d->program().derived[dec.segment].name == "thin_file";
    auto json = decision_json(*d, f, dec, TraceLevel::Off);
    if (thin) {
      ++in_segment;
      REQUIRE(dec.final == 0.7 * dec.human + 0.3 * dec.model.score);
      CHECK(json["score"]["weights"]["from"] == "blend.segments.thin_file");
    } else {
      ++outside;
      REQUIRE(dec.final == 0.4 * dec.human + 0.6 * dec.model.score);
      CHECK(json["score"]["weights"]["from"] == "blend");
    }
  }
  CHECK(in_segment > 10);
  CHECK(outside > 10);
}

TEST_CASE("deployment: a knock-out decides whatever the blend", "[deploy]") {
  auto d = credit("[blend]\nhuman = 0\nmodel = 1\n");
  std::vector<Diagnostic> errors;
  auto frame = frame_from_json(d->program(),
                               {{"seniority", 20},
                                {"home", "owner"},
                                {"time", 12},
                                {"age", 40},
                                {"records", false},
                                {"job", "fixed"},
                                {"expenses", 40},
                                {"income", 900},
                                {"assets", 90000},
                                {"debt", 0},
                                {"amount", 2000},
                                {"price", 1000}},
                               errors);
  REQUIRE(frame);
  Decision dec = d->decide(*frame);
  CHECK(d->program().outcomes[dec.outcome] == "decline");
  CHECK(d->program().rules[dec.knockout_rule].name == "over_price");
  CHECK(dec.final == dec.model.score);  // the blend is still computed and shown
  auto json = decision_json(*d, *frame, dec, TraceLevel::Off);
  CHECK(json["reasons"][0]["code"] == "P01");
  CHECK(json["reasons"][0]["knockout"] == true);
}

TEST_CASE("deployment: SHAP is computed exactly when the config says, and recorded", "[deploy]") {
  auto always = credit(kBlend46, "shap = \"always\"");
  auto off = credit(kBlend46, "shap = \"off\"");
  auto declines = credit(kBlend46, "shap = [\"decline\"]");
  size_t computed_for_declines = 0;
  for (const Frame& f : credit_frames(*always, 300)) {
    Decision a = always->decide(f), o = off->decide(f), d = declines->decide(f);
    REQUIRE(a.model.shap == ShapState::Computed);
    REQUIRE(o.model.shap == ShapState::Off);
    CHECK(o.model_reasons.empty());
    CHECK(a.outcome == o.outcome);  // explanation never changes the decision
    bool is_decline = always->program().outcomes[d.outcome] == "decline";
    REQUIRE(d.model.shap == (is_decline ? ShapState::Computed : ShapState::NotForOutcome));
    computed_for_declines += is_decline;
    // Contributions and bias add up to the margin; effects to w * (P(m) - P(b)) for 1 - P.
    double sum = 0;
    for (float c : a.model.contributions) sum += c;
    float margin = always->scoring().model()->model().margin(a.model.row.data());
    REQUIRE(std::fabs(sum - margin) < 1e-4);
    double bias = a.model.contributions.back();
    double scale = shap_effect_scale(margin, a.model.contributions.back(), 0.6, true);
    double effects = 0;
    for (size_t i = 0; i + 1 < a.model.contributions.size(); ++i) effects += scale * a.model.contributions[i];
    double expected = -0.6 * (1 / (1 + std::exp(-double(margin))) - 1 / (1 + std::exp(-bias)));
    REQUIRE(std::fabs(effects - expected) < 1e-5);
    // Adverse-action reasons: every model reason listed lowered the score.
    for (const ModelReasonHit& hit : a.model_reasons) REQUIRE(hit.effect < 0);
    auto json = decision_json(*off, f, o, TraceLevel::Off);
    CHECK(json["model"]["shap"]["state"] == "off");
  }
  CHECK(computed_for_declines > 0);
}

TEST_CASE("deployment: reasons merge rules and model by their effect on final", "[deploy]") {
  auto d = credit(kBlend46);
  size_t with_model_reason = 0;
  for (const Frame& f : credit_frames(*d, 300)) {
    Decision dec = d->decide(f);
    std::vector<ExplainedReason> reasons = explained_reasons(d->program(), dec);
    bool past_knockouts = false;
    double last = INFINITY;
    for (const ExplainedReason& r : reasons) {
      if (r.knockout) {
        REQUIRE_FALSE(past_knockouts);  // knock-outs lead
        continue;
      }
      past_knockouts = true;
      REQUIRE(std::fabs(r.effect) <= last);
      last = std::fabs(r.effect);
      with_model_reason += r.from_model;
    }
  }
  CHECK(with_model_reason > 100);
}

TEST_CASE("deployment: churn reasons are the features that raised the score", "[deploy]") {
  LoadReport report;
  auto d =
      Deployment::open(testing::source_path("rules/retention_offer.deploy.toml"), report, BackendKind::Interpreter);
  INFO(report.render());
  REQUIRE(d);
  testing::Csv csv = testing::read_csv(testing::source_path("tests/data/mlc_churn.csv"));
  size_t hits = 0;
  for (size_t row = 0; row < 400; ++row) {
    std::vector<Diagnostic> errors;
    auto frame = frame_from_json(
        d->program(), testing::row_request(csv, row, {"international_plan", "voice_mail_plan"}, {"churn"}), errors);
    REQUIRE(frame);
    Decision dec = d->decide(*frame);
    for (const ModelReasonHit& hit : dec.model_reasons) REQUIRE(hit.effect > 0);
    hits += dec.model_reasons.size();
    REQUIRE(dec.model.score == static_cast<double>(dec.model.probability));  // predicts churn: P itself
  }
  CHECK(hits > 0);
}

TEST_CASE("deployment: the interpreter and the JIT give the same blended decisions", "[deploy]") {
  LoadReport report;
  std::string config = testing::source_path("rules/credit_approval.deploy.toml");
  auto interp = Deployment::open(config, report, BackendKind::Interpreter);
  auto jit = Deployment::open(config, report, BackendKind::Jit);
  INFO(report.render());
  REQUIRE(interp);
  REQUIRE(jit);
  for (const Frame& f : credit_frames(*interp, 500)) {
    auto a = decision_json(*interp, f, interp->decide(f), TraceLevel::Full);
    auto b = decision_json(*jit, f, jit->decide(f), TraceLevel::Full);
    b["trace"]["backend"] = "interp";
    REQUIRE(a.dump() == b.dump());
    // Without the trace the decision itself is the same.
    auto lean = decision_json(*jit, f, jit->decide(f, false), TraceLevel::Off);
    a.erase("trace");
    a["model"].erase("features");
    lean["model"].erase("features");
    REQUIRE(a.dump() == lean.dump());
  }
}

TEST_CASE("deployment: config errors against the ruleset", "[deploy][config]") {
  LoadReport report;
  CHECK_FALSE(credit(kBlend46, "shap = [\"decline\", \"refer\"]", report));
  std::string text = report.render();
  CHECK(text.find("error[C010]: `trace.shap` lists `refer`, which is not an outcome of ruleset `credit_approval`") !=
        std::string::npos);

  DeploymentSources no_model;
  no_model.config_path = testing::source_path("tests/conformance/x.toml");
  no_model.config_text = "ruleset = \"arithmetic.rules\"\n[blend]\nhuman = 0.5\nmodel = 0.5\n";
  LoadReport report2;
  CHECK_FALSE(Deployment::open(no_model, report2));
  CHECK(report2.render().find("error[C011]: ruleset `arithmetic_edges` has no model, so `blend.model` cannot be 0.5") !=
        std::string::npos);
}

TEST_CASE("deployment: rules and model given as text override the files", "[deploy]") {
  DeploymentSources sources;
  sources.config_path = testing::source_path("rules/credit_approval.deploy.toml");
  sources.config_text = testing::read_file(sources.config_path);
  sources.rules_text = testing::read_file(testing::source_path("rules/credit_approval.rules")) + "\n# edited\n";
  LoadReport report;
  auto d = Deployment::open(sources, report);
  INFO(report.render());
  REQUIRE(d);
  LoadReport report2;
  auto from_files = Deployment::open(sources.config_path, report2);
  REQUIRE(from_files);
  CHECK(d->ruleset_sha256() != from_files->ruleset_sha256());
  CHECK(d->config_sha256() == from_files->config_sha256());

  sources.model_bytes["default_risk"] = "{not a model";
  LoadReport report3;
  CHECK_FALSE(Deployment::open(sources, report3));
  CHECK(report3.render().find("error[E510]: cannot load model `default_risk`") != std::string::npos);
}

}  // namespace
}  // namespace verdict
