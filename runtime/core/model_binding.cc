#include "runtime/core/model_binding.h"

#include <cmath>
#include <filesystem>
#include <limits>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "compiler/source/suggest.h"
#include "runtime/model/booster.h"

namespace verdict {
namespace {

using model::FeatureKind;
using model::FeatureSpec;

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

std::string join(const std::vector<std::string>& items, size_t limit) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) out += (i ? ", " : "") + items[i];
  if (items.size() > limit) out += ", ...";
  return out;
}

// "a number", "a bool", "an enum" as a model feature kind.
std::string kind_phrase(FeatureKind kind) {
  return kind == FeatureKind::Enum ? "an enum" : std::string("a ") + model::kind_name(kind);
}

std::string base_phrase(ir::BaseType base) {
  switch (base) {
    case ir::BaseType::Number: return "a number";
    case ir::BaseType::Bool: return "a bool";
    case ir::BaseType::Enum: return "an enum";
    case ir::BaseType::String: return "a string";
  }
  return "?";
}

const ir::Type& source_type(const ir::Program& p, const ir::ModelFeature& f) {
  return f.source == ir::ModelFeature::Field ? p.fields[f.index].type : p.derived[f.index].type;
}

}  // namespace

std::unique_ptr<BoundModel> BoundModel::bind(const ir::Program& program, const ir::ModelBinding& decl,
                                             std::shared_ptr<const model::Model> model, ModelKernel kernel,
                                             Diagnostics& diags) {
  std::unique_ptr<BoundModel> bound(new BoundModel());
  bound->decl_ = &decl;
  bound->model_ = std::move(model);
  bound->kernel_ = kernel;
  if (!bound->check(program, diags)) return nullptr;
  return bound;
}

bool BoundModel::check(const ir::Program& program, Diagnostics& diags) {
  const model::Model& m = *model_;
  const std::string where = "model `" + decl_->name + "` (`" + m.path() + "`)";
  if (m.objective() != "binary:logistic") {
    diags.report(code::E511, decl_->file_span,
                 where + " has objective `" + m.objective() + "`; Verdict blends `binary:logistic` models");
    return false;
  }
  if (decl_->features.size() != m.feature_count()) {
    std::vector<std::string> names;
    for (const FeatureSpec& f : m.features()) names.push_back(f.name.empty() ? "?" : f.name);
    std::string listed = m.has_feature_names() ? " (" + join(names, 20) + ")" : "";
    diags.report(code::E512, decl_->features_span,
                 "the feature list of model `" + decl_->name + "` has " + std::to_string(decl_->features.size()) +
                     " features; `" + m.path() + "` takes " + std::to_string(m.feature_count()) + listed);
    return false;
  }
  bool ok = check_predicts(diags);
  feeds_.resize(m.feature_count());
  for (size_t i = 0; i < feeds_.size(); ++i) ok = check_feature(program, i, diags) && ok;
  return ok;
}

// `predicts NAME` must name the positive class the model was trained on, or
// its label column, when the file records them (`verdict train` does).
bool BoundModel::check_predicts(Diagnostics& diags) const {
  auto label = nlohmann::json::parse(model_->attribute("verdict_label"), nullptr, false);
  if (!label.is_object()) return true;
  std::string column = label.value("column", "");
  std::string positive = label.value("positive", "");
  const std::string& says = decl_->predicts;
  if (says == positive || lower(says) == lower(column)) return true;
  diags.report(
      code::E516, decl_->predicts_span,
      "model `" + decl_->name + "` predicts `" + column + " = " + positive + "`; `" + says +
          "` is neither its positive class `" + positive + "` nor its label `" + column + "`" +
          (decl_->predicts_not ? ""
                               : " (for a score of 1 - P(" + positive + "), write `predicts not " + positive + "`)"));
  return false;
}

bool BoundModel::check_feature(const ir::Program& program, size_t i, Diagnostics& diags) {
  const ir::ModelFeature& f = decl_->features[i];
  const FeatureSpec& spec = model_->features()[i];
  const std::string at = "feature " + std::to_string(i + 1) + " of model `" + decl_->name + "`";
  if (!spec.name.empty() && spec.name != f.name) {
    int elsewhere = model_->feature_index(f.name);
    std::string hint = elsewhere >= 0 ? "; the model has `" + f.name + "` as feature " + std::to_string(elsewhere + 1) +
                                            ": list features in the model's order"
                                      : "";
    diags.report(code::E513, f.span,
                 at + " is `" + spec.name + "` in `" + model_->path() + "`, not `" + f.name + "`" + hint);
    return false;
  }
  const ir::Type& type = source_type(program, f);
  Feed& feed = feeds_[i];
  feed.source = f.source;
  feed.index = f.index;
  feed.base = type.base;
  // A model without encodings (not written by `verdict train`) says every
  // feature is a number: bools go in as 0/1, enums as the declared position.
  bool described = !spec.values.empty() || spec.kind != FeatureKind::Number;
  bool fits = type.base == ir::BaseType::Number ? spec.kind == FeatureKind::Number
              : type.base == ir::BaseType::Bool ? (spec.kind == FeatureKind::Bool || !described)
                                                : (spec.kind == FeatureKind::Enum || !described);
  if (!fits) {
    diags.report(code::E514, f.span,
                 at + ", `" + f.name + "`, is " + kind_phrase(spec.kind) + " in `" + model_->path() + "` but " +
                     base_phrase(type.base) + " in the ruleset");
    return false;
  }
  if (type.base != ir::BaseType::Enum) return true;
  const std::vector<std::string>& members = program.enums[type.enum_id].members;
  for (size_t k = 0; k < members.size(); ++k) {
    int code = described ? model::feature_code(spec, members[k]) : static_cast<int>(k);
    if (code < 0) {
      diags.report(code::E515, f.span,
                   at + ", `" + f.name + "`, has no code for `" + members[k] + "` in `" + model_->path() +
                       "`, which knows " + quoted_list(spec.values, "and"));
      return false;
    }
    feed.enum_codes.push_back(static_cast<float>(code));
  }
  return true;
}

void BoundModel::fill_row(const Frame& frame, const Evaluation& ev, float* row) const {
  constexpr float kMissing = std::numeric_limits<float>::quiet_NaN();
  for (size_t i = 0; i < feeds_.size(); ++i) {
    const Feed& feed = feeds_[i];
    if (feed.source == ir::ModelFeature::Field) {
      if (!frame.present[feed.index]) {
        row[i] = kMissing;
      } else if (feed.base == ir::BaseType::Number) {
        row[i] = static_cast<float>(frame.numbers[feed.index]);
      } else if (feed.base == ir::BaseType::Bool) {
        row[i] = frame.codes[feed.index] ? 1.0f : 0.0f;
      } else {
        row[i] = feed.enum_codes[frame.codes[feed.index]];
      }
      continue;
    }
    const Value& v = ev.derived[feed.index];
    switch (v.kind) {
      case Value::Kind::Number: row[i] = static_cast<float>(v.number); break;
      case Value::Kind::Bool: row[i] = v.boolean ? 1.0f : 0.0f; break;
      case Value::Kind::Enum: row[i] = feed.enum_codes[v.code]; break;
      default: row[i] = kMissing; break;
    }
  }
}

float BoundModel::probability(const float* row) const {
  if (kernel_ == ModelKernel::Native) return model_->probability(row);
  std::string error;
  const model::Booster* booster = model_->reference(error);
  float p = 0;
  if (!booster || !booster->predict(row, 1, feeds_.size(), model::PredictKind::Probability, &p, error)) {
    // The C API kernel is the reference, chosen explicitly; a failure of the
    // library itself is an internal error, not a property of the request.
    throw std::runtime_error("xgboost prediction failed for model `" + decl_->name + "`: " + error);
  }
  return p;
}

bool load_declared_model(const ir::Program& program, const std::string& rules_path, const std::string& file,
                         ModelKernel kernel, Diagnostics& diags, std::unique_ptr<BoundModel>& out,
                         const std::string* bytes) {
  out.reset();
  if (program.models.empty()) return true;
  const ir::ModelBinding& decl = program.models[0];
  std::string path = file;
  if (path.empty()) {
    std::filesystem::path written(decl.file);
    path = written.is_absolute()
               ? written.string()
               : (std::filesystem::path(rules_path).parent_path() / written).lexically_normal().string();
  }
  std::string error;
  std::shared_ptr<const model::Model> model =
      bytes ? model::Model::parse(*bytes, path, error) : model::Model::load(path, error);
  if (!model) {
    diags.report(code::E510, decl.file_span, "cannot load model `" + decl.name + "`: " + error);
    return false;
  }
  for (const std::string& warning : model->warnings()) {
    diags.report(code::W517, decl.file_span, "model `" + decl.name + "` (`" + path + "`): " + warning);
  }
  out = BoundModel::bind(program, decl, std::move(model), kernel, diags);
  return out != nullptr;
}

}  // namespace verdict
