#include "runtime/wire/rendered_names.h"

#include "runtime/wire/json_out.h"

namespace verdict {
namespace {

std::vector<std::string> strings(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  out.reserve(texts.size());
  for (const std::string& t : texts) out.push_back(JsonOut::string_text(t));
  return out;
}

}  // namespace

RenderedNames::RenderedNames(const ir::Program& p, const std::vector<std::string>& rule_at_text,
                             const std::vector<std::string>& branch_at_text, const ir::ModelBinding* model)
    : outcome(strings(p.outcomes)), rule_at(strings(rule_at_text)), branch_at(strings(branch_at_text)) {
  for (const ir::Field& f : p.fields) {
    field_key.push_back(JsonOut::key_text(f.name));
    field.push_back(JsonOut::string_text(f.name));
  }
  for (const ir::Derived& d : p.derived) {
    derived_key.push_back(JsonOut::key_text(d.name));
    derived.push_back(JsonOut::string_text(d.name));
  }
  for (const ir::Rule& r : p.rules) rule.push_back(JsonOut::string_text(r.name));
  if (!model) return;
  model_name = JsonOut::string_text(model->name);
  model_predicts = JsonOut::string_text(model->predicts);
  for (const ir::ModelFeature& f : model->features) model_feature.push_back(JsonOut::string_text(f.name));
}

}  // namespace verdict
