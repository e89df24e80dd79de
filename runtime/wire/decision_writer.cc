// DecisionFormat::write: one decision as docs/decision.md documents it,
// everything fixed per deployment taken from the format.
#include <cmath>

#include "runtime/core/model_effects.h"
#include "runtime/deploy/deployment.h"
#include "runtime/wire/decision_view.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace writer {

using nlohmann::ordered_json;

ordered_json object_for(size_t n) {
  ordered_json out = ordered_json::object();
  out.get_ref<ordered_json::object_t&>().reserve(n);
  return out;
}

ordered_json field_value(const DecisionView& v, uint32_t f) {
  const ir::Field& field = v.program.fields[f];
  Value value = v.frame.value(v.program, f);
  if (field.pii && !value.is_missing()) return kMasked;
  return value_json(v.program, field.type, value);
}

ordered_json derived_value(const DecisionView& v, uint32_t d) {
  const Value& value = v.evaluation.derived[d];
  if (v.format.derived_is_pii(d) && !value.is_missing()) return kMasked;
  return value_json(v.program, v.program.derived[d].type, value);
}

namespace {

const char* shap_state(ShapState s) {
  switch (s) {
    case ShapState::NoModel: return "no_model";
    case ShapState::Computed: return "computed";
    case ShapState::Off: return "off";
    case ShapState::NotForOutcome: return "not_for_outcome";
    case ShapState::Failed: return "failed";
  }
  return "?";
}

// The parts of a decision outside its trace.
class DecisionWriter {
 public:
  explicit DecisionWriter(const DecisionView& v)
      : v_(v), f_(v.format), p_(v.program), d_(v.decision), dep_(f_.deployment()), model_(f_.model()) {}

  ordered_json write(TraceLevel level, std::optional<uint32_t> request) const {
    ordered_json out = object_for(16);
    if (request) out["request"] = *request;
    out["ruleset"] = f_.ruleset_json();
    out["outcome"] = p_.outcomes[d_.outcome];
    out["decided_by"] = decided_by();
    out["score"] = dep_ ? blended_score() : score();
    out["segment"] = d_.segment >= 0 ? ordered_json(p_.derived[d_.segment].name) : ordered_json(nullptr);
    out["tags"] = ordered_json::array();
    for (std::string_view t : d_.tags) out["tags"].push_back(std::string(t));
    out["outputs"] = outputs();
    out["reasons"] = dep_ ? explained() : reasons();
    if (model_) out["model"] = model_json(level);
    if (dep_) out["provenance"] = f_.provenance_json();
    if (level != TraceLevel::Off) out["trace"] = trace_json(v_, level);
    return out;
  }

 private:
  ordered_json decided_by() const {
    if (d_.knockout_rule >= 0) {
      return {{"kind", "knockout"}, {"rule", p_.rules[d_.knockout_rule].name}, {"at", f_.rule_at(d_.knockout_rule)}};
    }
    return {{"kind", "decide"}, {"branch", d_.decide_branch}, {"at", f_.branch_at(d_.decide_branch)}};
  }

  ordered_json score() const {
    ir::Type number_type;
    return {{"points", value_json(p_, number_type, Value::of_number(d_.points))},
            {"human", value_json(p_, number_type, Value::of_number(d_.human))},
            {"final", value_json(p_, number_type, Value::of_number(d_.final))},
            {"formula", "final = " + f_.human_formula()}};
  }

  // A deployment's score: the weights used and where they came from, and
  // the formula with the numbers of this decision.
  ordered_json blended_score() const {
    ir::Type number_type;
    const BlendWeights& w = d_.weights;
    std::string from = d_.segment_weights ? "blend.segments." + p_.derived[d_.segment].name
                       : dep_->config()   ? "blend"
                                          : "default (no deployment config)";
    ordered_json result = object_for(8);
    result["points"] = value_json(p_, number_type, Value::of_number(d_.points));
    result["human"] = value_json(p_, number_type, Value::of_number(d_.human));
    result["model"] = model_ ? ordered_json(d_.model.score) : ordered_json(nullptr);
    result["final"] = value_json(p_, number_type, Value::of_number(d_.final));
    result["weights"] = {{"human", w.human}, {"model", w.model}, {"from", from}};
    std::string model_term = model_ ? formula_number(d_.model.score) : "0";
    result["formula"] = "final = " + formula_number(w.human) + " * human + " + formula_number(w.model) +
                        " * model = " + formula_number(w.human) + " * " + formula_number(d_.human) + " + " +
                        formula_number(w.model) + " * " + model_term + " = " + formula_number(d_.final) + "; " +
                        f_.human_formula();
    return result;
  }

  ordered_json explained() const {
    ordered_json out = ordered_json::array();
    for (const ExplainedReason& r : explained_reasons(p_, d_)) {
      ordered_json entry = {{"code", std::string(r.code)}, {"text", std::string(r.text)}};
      if (r.from_model) {
        entry["model"] = model_->decl().name;
        entry["feature"] = model_->decl().features[r.source].name;
      } else {
        entry["rule"] = p_.rules[r.source].name;
      }
      if (r.knockout) {
        entry["knockout"] = true;
      } else {
        if (!r.from_model) entry["points"] = r.points;
        entry["effect"] = r.effect;
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  bool feature_is_pii(const ir::ModelFeature& f) const {
    return f.source == ir::ModelFeature::Field ? p_.fields[f.index].pii : f_.derived_is_pii(f.index);
  }

  // The model's inputs as the ruleset names them and as fed (NaN: null).
  ordered_json model_features() const {
    ordered_json out = ordered_json::array();
    const std::vector<float>& contributions = d_.model.contributions;
    double scale = 0;
    if (!contributions.empty()) {
      scale = shap_effect_scale(model_->model().margin(d_.model.row.data()), contributions.back(), d_.weights.model,
                                model_->decl().predicts_not);
    }
    for (size_t i = 0; i < model_->decl().features.size(); ++i) {
      const ir::ModelFeature& f = model_->decl().features[i];
      bool masked = feature_is_pii(f) && !std::isnan(d_.model.row[i]);
      ordered_json entry = {{"feature", f.name}};
      if (masked) {
        entry["value"] = kMasked;
        entry["fed"] = kMasked;
      } else {
        entry["value"] = f.source == ir::ModelFeature::Field ? field_value(v_, f.index) : derived_value(v_, f.index);
        entry["fed"] = float_json(d_.model.row[i]);
      }
      if (!contributions.empty()) {
        entry["contribution"] = float_json(contributions[i]);
        entry["effect"] = scale * contributions[i];
      }
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json model_json(TraceLevel level) const {
    const ir::ModelBinding& decl = model_->decl();
    const ModelResult& m = d_.model;
    ordered_json out = object_for(16);
    out["name"] = decl.name;
    out["predicts"] = decl.predicts;
    out["probability"] = float_json(m.probability);
    out["score"] = m.score;
    out["score_is"] = f_.model_score_is();
    out["kernel"] = f_.model_kernel();
    ordered_json shap = {{"state", shap_state(m.shap)}};
    if (m.shap == ShapState::Computed) {
      shap["method"] =
          "xgboost treeshap (pred_contribs), effect = contribution * w_model * (P(margin) - P(bias)) / (margin - bias)";
      shap["margin"] = float_json(model_->model().margin(m.row.data()));
      shap["bias"] = float_json(m.contributions.back());
    }
    if (m.shap == ShapState::Failed) shap["error"] = m.shap_error;
    out["shap"] = std::move(shap);
    if (level == TraceLevel::Full) out["features"] = model_features();
    return out;
  }

  ordered_json reasons() const {
    ordered_json out = ordered_json::array();
    for (const DecisionReason* r : d_.reasons) {
      ordered_json entry = {
          {"code", std::string(r->code)}, {"text", std::string(r->text)}, {"rule", p_.rules[r->rule].name}};
      if (r->knockout)
        entry["knockout"] = true;
      else
        entry["points"] = r->points;
      out.push_back(std::move(entry));
    }
    return out;
  }

  ordered_json outputs() const {
    ordered_json out = ordered_json::object();
    for (const DecidedOutput& o : d_.outputs) {
      const ir::Output& def = p_.outputs[o.output];
      out[def.name] = value_json(p_, def.type, o.value);
    }
    return out;
  }

  const DecisionView& v_;
  const DecisionFormat& f_;
  const ir::Program& p_;
  const Decision& d_;
  const Deployment* dep_;
  const BoundModel* model_;
};

}  // namespace
}  // namespace writer

nlohmann::ordered_json DecisionFormat::write(const Frame& frame, const Decision& decision, TraceLevel level,
                                             std::optional<uint32_t> request) const {
  writer::DecisionView view{*this, ruleset_.program(), frame, decision, decision.evaluation};
  return writer::DecisionWriter(view).write(level, request);
}

}  // namespace verdict
