// DecisionFormat::write_text: one decision as docs/decision.md documents it,
// streamed to text in key order, everything fixed per deployment taken from
// the format.
#include <cmath>

#include "runtime/core/model_effects.h"
#include "runtime/deploy/deployment.h"
#include "runtime/wire/decision_view.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace writer {

void field_value(const DecisionView& v, uint32_t f) {
  JsonOut::Span& written = v.value_texts[f];
  if (!written.empty()) return v.out.repeat(written);
  written = v.out.capture([&] {
    const ir::Field& field = v.program.fields[f];
    Value value = v.frame.value(v.program, f);
    if (field.pii && !value.is_missing()) return v.out.string(kMasked);
    write_value(v.out, v.program, field.type, value);
  });
}

void derived_value(const DecisionView& v, uint32_t d) {
  JsonOut::Span& written = v.value_texts[v.program.fields.size() + d];
  if (!written.empty()) return v.out.repeat(written);
  written = v.out.capture([&] {
    const Value& value = v.evaluation.derived[d];
    if (v.format.derived_is_pii(d) && !value.is_missing()) return v.out.string(kMasked);
    write_value(v.out, v.program, v.program.derived[d].type, value);
  });
}

namespace {

// As JSON text.
std::string_view shap_state(ShapState s) {
  switch (s) {
    case ShapState::NoModel: return R"("no_model")";
    case ShapState::Computed: return R"("computed")";
    case ShapState::Off: return R"("off")";
    case ShapState::NotForOutcome: return R"("not_for_outcome")";
    case ShapState::Failed: return R"("failed")";
  }
  return R"("?")";
}

// The parts of a decision outside its trace.
class DecisionWriter {
 public:
  explicit DecisionWriter(const DecisionView& v)
      : v_(v), f_(v.format), p_(v.program), d_(v.decision), dep_(f_.deployment()), model_(f_.model()), out_(v.out) {}

  void write(TraceLevel level, std::optional<uint32_t> request) const {
    out_.begin_object();
    if (request) out_.key("request"), out_.unsigned_integer(*request);
    out_.key("ruleset"), out_.raw(f_.ruleset_text());
    out_.key("outcome"), out_.raw(f_.names().outcome[d_.outcome]);
    out_.key("decided_by"), decided_by();
    out_.key("score");
    dep_ ? blended_score() : score();
    out_.key("segment");
    d_.segment >= 0 ? out_.raw(f_.names().derived[d_.segment]) : out_.null();
    out_.key("tags"), out_.begin_array();
    for (std::string_view t : d_.tags) out_.string(t);
    out_.end_array();
    out_.key("outputs"), outputs();
    out_.key("reasons");
    dep_ ? explained() : reasons();
    if (model_) out_.key("model"), model_json(level);
    if (dep_) out_.key("provenance"), out_.raw(f_.provenance_text());
    if (level != TraceLevel::Off) out_.key("trace"), write_trace(v_, level);
    out_.end_object();
  }

 private:
  void decided_by() const {
    out_.begin_object();
    if (d_.knockout_rule >= 0) {
      out_.key("kind"), out_.literal("knockout");
      out_.key("rule"), out_.raw(f_.names().rule[d_.knockout_rule]);
      out_.key("at"), out_.raw(f_.names().rule_at[d_.knockout_rule]);
    } else {
      out_.key("kind"), out_.literal("decide");
      out_.key("branch"), out_.integer(d_.decide_branch);
      out_.key("at"), out_.raw(f_.names().branch_at[d_.decide_branch]);
    }
    out_.end_object();
  }

  template <size_t N>
  void number(const char (&key)[N], double x) const {
    out_.key(key), write_value(out_, p_, ir::Type(), Value::of_number(x));
  }

  void score() const {
    out_.begin_object();
    number("points", d_.points);
    number("human", d_.human);
    number("final", d_.final);
    out_.key("formula"), out_.string("final = " + f_.human_formula());
    out_.end_object();
  }

  // A deployment's score: the weights used and where they came from, and
  // the formula with the numbers of this decision.
  void blended_score() const {
    const BlendWeights& w = d_.weights;
    out_.begin_object();
    number("points", d_.points);
    number("human", d_.human);
    out_.key("model");
    model_ ? out_.number(d_.model.score) : out_.null();
    number("final", d_.final);
    out_.key("weights"), out_.begin_object();
    out_.key("human"), out_.number(w.human);
    out_.key("model"), out_.number(w.model);
    out_.key("from");
    if (d_.segment_weights) {
      out_.string("blend.segments." + p_.derived[d_.segment].name);
    } else {
      dep_->config() ? out_.literal("blend") : out_.literal("default (no deployment config)");
    }
    out_.end_object();
    FormulaNumber human(w.human), model(w.model), human_score(d_.human), final_score(d_.final),
        model_score(model_ ? d_.model.score : 0);
    out_.key("formula");
    out_.plain_string({"final = ", human.text(), " * human + ", model.text(), " * model = ", human.text(), " * ",
                       human_score.text(), " + ", model.text(), " * ", model_score.text(), " = ", final_score.text(),
                       "; ", f_.human_formula()});
    out_.end_object();
  }

  void explained() const {
    out_.begin_array();
    for (const ExplainedReason& r : explained_reasons(p_, d_)) {
      out_.begin_object();
      out_.key("code"), out_.string(r.code);
      out_.key("text"), out_.string(r.text);
      if (r.from_model) {
        out_.key("model"), out_.raw(f_.names().model_name);
        out_.key("feature"), out_.raw(f_.names().model_feature[r.source]);
      } else {
        out_.key("rule"), out_.raw(f_.names().rule[r.source]);
      }
      if (r.knockout) {
        out_.key("knockout"), out_.boolean(true);
      } else {
        if (!r.from_model) out_.key("points"), out_.number(r.points);
        out_.key("effect"), out_.number(r.effect);
      }
      out_.end_object();
    }
    out_.end_array();
  }

  bool feature_is_pii(const ir::ModelFeature& f) const {
    return f.source == ir::ModelFeature::Field ? p_.fields[f.index].pii : f_.derived_is_pii(f.index);
  }

  // One model input as the ruleset names it and as fed (NaN: null).
  void model_feature(size_t i, double scale) const {
    const ir::ModelFeature& f = model_->decl().features[i];
    const std::vector<float>& contributions = d_.model.contributions;
    out_.begin_object();
    out_.key("feature"), out_.raw(f_.names().model_feature[i]);
    if (feature_is_pii(f) && !std::isnan(d_.model.row[i])) {
      out_.key("value"), out_.string(kMasked);
      out_.key("fed"), out_.string(kMasked);
    } else {
      out_.key("value");
      f.source == ir::ModelFeature::Field ? field_value(v_, f.index) : derived_value(v_, f.index);
      out_.key("fed"), write_float(out_, d_.model.row[i]);
    }
    if (!contributions.empty()) {
      out_.key("contribution"), write_float(out_, contributions[i]);
      out_.key("effect"), out_.number(scale * contributions[i]);
    }
    out_.end_object();
  }

  void model_features() const {
    const std::vector<float>& contributions = d_.model.contributions;
    double scale = 0;
    if (!contributions.empty()) {
      scale = shap_effect_scale(model_->model().margin(d_.model.row.data()), contributions.back(), d_.weights.model,
                                model_->decl().predicts_not);
    }
    out_.begin_array();
    for (size_t i = 0; i < model_->decl().features.size(); ++i) model_feature(i, scale);
    out_.end_array();
  }

  void shap_json() const {
    const ModelResult& m = d_.model;
    out_.begin_object();
    out_.key("state"), out_.raw(shap_state(m.shap));
    if (m.shap == ShapState::Computed) {
      out_.key("method");
      out_.string(
          "xgboost treeshap (pred_contribs), effect = contribution * w_model * (P(margin) - P(bias)) / (margin - "
          "bias)");
      out_.key("margin"), write_float(out_, model_->model().margin(m.row.data()));
      out_.key("bias"), write_float(out_, m.contributions.back());
    }
    if (m.shap == ShapState::Failed) out_.key("error"), out_.string(m.shap_error);
    out_.end_object();
  }

  void model_json(TraceLevel level) const {
    const ModelResult& m = d_.model;
    out_.begin_object();
    out_.key("name"), out_.raw(f_.names().model_name);
    out_.key("predicts"), out_.raw(f_.names().model_predicts);
    out_.key("probability"), write_float(out_, m.probability);
    out_.key("score"), out_.number(m.score);
    out_.key("score_is"), out_.raw(f_.model_score_is_text());
    out_.key("kernel"), out_.raw(f_.model_kernel_text());
    out_.key("shap"), shap_json();
    if (level == TraceLevel::Full) out_.key("features"), model_features();
    out_.end_object();
  }

  void reasons() const {
    out_.begin_array();
    for (const DecisionReason* r : d_.reasons) {
      out_.begin_object();
      out_.key("code"), out_.string(r->code);
      out_.key("text"), out_.string(r->text);
      out_.key("rule"), out_.raw(f_.names().rule[r->rule]);
      if (r->knockout)
        out_.key("knockout"), out_.boolean(true);
      else
        out_.key("points"), out_.number(r->points);
      out_.end_object();
    }
    out_.end_array();
  }

  void outputs() const {
    out_.begin_object();
    for (const DecidedOutput& o : d_.outputs) {
      const ir::Output& def = p_.outputs[o.output];
      out_.key(def.name), write_value(out_, p_, def.type, o.value);
    }
    out_.end_object();
  }

  const DecisionView& v_;
  const DecisionFormat& f_;
  const ir::Program& p_;
  const Decision& d_;
  const Deployment* dep_;
  const BoundModel* model_;
  JsonOut& out_;
};

}  // namespace
}  // namespace writer

std::string DecisionFormat::write_text(const Frame& frame, const Decision& decision, TraceLevel level,
                                       std::optional<uint32_t> request) const {
  JsonOut out;
  const ir::Program& p = ruleset_.program();
  thread_local std::vector<JsonOut::Span> value_texts;  // reused: no allocation per decision
  value_texts.assign(p.fields.size() + p.derived.size(), {});
  writer::DecisionView view{*this, p, frame, decision, decision.evaluation, out, value_texts};
  writer::DecisionWriter(view).write(level, request);
  return out.take();
}

nlohmann::ordered_json DecisionFormat::write(const Frame& frame, const Decision& decision, TraceLevel level,
                                             std::optional<uint32_t> request) const {
  return nlohmann::ordered_json::parse(write_text(frame, decision, level, request));
}

}  // namespace verdict
