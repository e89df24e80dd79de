#include "compiler/syntax/antlr/ast_builder.h"

namespace verdict::syntax {

ast::RulesFile AstBuilder::file(P::FileContext* ctx) const {
  ast::RulesFile out;
  // rulesetDecl : 'ruleset' name
  out.ruleset = {reader_.name(ctx->rulesetDecl()->name()), reader_.span(ctx->rulesetDecl())};
  for (auto* item_ctx : ctx->item()) out.items.push_back(item(item_ctx));
  return out;
}

// item : versionDecl | outcomesDecl | pointsDecl | inputDecl | outputDecl | letDecl | modelDecl
//      | segmentDecl | ruleDecl | decideDecl
// with versionDecl : 'version' STRING, outcomesDecl : 'outcomes' name (',' name)*,
// letDecl : 'let' name '=' expr and segmentDecl : 'segment' name 'when' expr.
ast::Item AstBuilder::item(P::ItemContext* ctx) const {
  if (auto* c = ctx->versionDecl()) return ast::VersionDecl{reader_.string(c->STRING()), reader_.span(c)};
  if (auto* c = ctx->outcomesDecl()) return ast::OutcomesDecl{reader_.names(c->name()), reader_.span(c)};
  if (auto* c = ctx->pointsDecl()) return points_decl(c);
  if (auto* c = ctx->inputDecl()) return input_decl(c);
  if (auto* c = ctx->outputDecl()) return output_decl(c);
  if (auto* c = ctx->letDecl()) return ast::LetDecl{reader_.name(c->name()), exprs_.expr(c->expr()), reader_.span(c)};
  if (auto* c = ctx->modelDecl()) return model_decl(c);
  if (auto* c = ctx->segmentDecl()) {
    return ast::SegmentDecl{reader_.name(c->name()), exprs_.expr(c->expr()), reader_.span(c)};
  }
  if (auto* c = ctx->ruleDecl()) return rule_decl(c);
  if (auto* c = ctx->decideDecl()) return decide_decl(c);
  unknown_alternative("item");
}

// pointsDecl : 'points' 'base' signedNumber 'scale' signedNumber '..' signedNumber
ast::PointsDecl AstBuilder::points_decl(P::PointsDeclContext* ctx) const {
  auto nums = ctx->signedNumber();
  return {reader_.signed_number(nums[0]), reader_.signed_number(nums[1]), reader_.signed_number(nums[2]),
          reader_.span(ctx)};
}

// inputDecl : 'input' name '{' fieldDecl* '}'
ast::InputDecl AstBuilder::input_decl(P::InputDeclContext* ctx) const {
  ast::InputDecl out{reader_.name(ctx->name()), {}, reader_.span(ctx)};
  for (auto* f : ctx->fieldDecl()) out.fields.push_back(field_decl(f));
  return out;
}

// fieldDecl : name ':' typeRef optional='?'? fieldAttr*
// fieldAttr : '@' name | STRING
ast::FieldDecl AstBuilder::field_decl(P::FieldDeclContext* ctx) const {
  ast::FieldDecl out;
  out.name = reader_.name(ctx->name());
  out.type = type_ref(ctx->typeRef());
  out.optional = ctx->optional != nullptr;
  for (auto* attr : ctx->fieldAttr()) {
    if (attr->STRING()) {
      out.descriptions.push_back(reader_.string(attr->STRING()));
    } else if (attr->name()) {
      out.annotations.push_back({attr->name()->getText(), reader_.span(attr)});
    } else {
      unknown_alternative("fieldAttr");
    }
  }
  out.span = reader_.span(ctx);
  return out;
}

// typeRef : 'number' | 'bool' | 'string' | 'enum' '(' name (',' name)* ')'
ast::TypeRef AstBuilder::type_ref(P::TypeRefContext* ctx) const {
  ast::TypeRef out;
  out.span = reader_.span(ctx);
  if (dynamic_cast<P::NumberTypeContext*>(ctx)) {
    out.kind = ast::TypeKind::Number;
  } else if (dynamic_cast<P::BoolTypeContext*>(ctx)) {
    out.kind = ast::TypeKind::Bool;
  } else if (dynamic_cast<P::StringTypeContext*>(ctx)) {
    out.kind = ast::TypeKind::String;
  } else if (auto* e = dynamic_cast<P::EnumTypeContext*>(ctx)) {
    out.kind = ast::TypeKind::Enum;
    out.members = reader_.names(e->name());
  } else {
    unknown_alternative("typeRef");
  }
  return out;
}

// outputDecl : 'output' name ':' typeRef '=' expr
ast::OutputDecl AstBuilder::output_decl(P::OutputDeclContext* ctx) const {
  return {reader_.name(ctx->name()), type_ref(ctx->typeRef()), exprs_.expr(ctx->expr()), reader_.span(ctx)};
}

// modelDecl : 'model' name '=' 'xgboost' STRING modelClause*
ast::ModelDecl AstBuilder::model_decl(P::ModelDeclContext* ctx) const {
  ast::ModelDecl out;
  out.name = reader_.name(ctx->name());
  out.file = reader_.string(ctx->STRING());
  for (auto* clause : ctx->modelClause()) model_clause(clause, out);
  out.span = reader_.span(ctx);
  return out;
}

// modelClause : predictsClause | featuresClause | modelReasonClause
void AstBuilder::model_clause(P::ModelClauseContext* ctx, ast::ModelDecl& out) const {
  if (auto* c = dynamic_cast<P::PredictsClauseContext*>(ctx)) {
    predicts_clause(c, out);
  } else if (auto* c = dynamic_cast<P::FeaturesClauseContext*>(ctx)) {
    features_clause(c, out);
  } else if (auto* c = dynamic_cast<P::ModelReasonClauseContext*>(ctx)) {
    out.reasons.push_back(model_reason(c));
  } else {
    unknown_alternative("modelClause");
  }
}

// 'predicts' negated='not'? name: the first one counts, the others are kept
// for the checker to report (E503).
void AstBuilder::predicts_clause(P::PredictsClauseContext* ctx, ast::ModelDecl& out) const {
  if (out.predicts) {
    out.repeated.push_back({"predicts", reader_.span(ctx), out.predicts_span});
    return;
  }
  out.predicts = reader_.name(ctx->name());
  out.predicts_not = ctx->negated != nullptr;
  out.predicts_span = reader_.span(ctx);
}

// 'features' '(' name (',' name)* ')': the first one counts, as for `predicts`.
void AstBuilder::features_clause(P::FeaturesClauseContext* ctx, ast::ModelDecl& out) const {
  if (!out.features.empty()) {
    out.repeated.push_back({"features", reader_.span(ctx), out.features_span});
    return;
  }
  out.features = reader_.names(ctx->name());
  out.features_span = reader_.span(ctx);
}

// 'reason' name direction=('lowers' | 'raises')? STRING STRING
ast::ModelReason AstBuilder::model_reason(P::ModelReasonClauseContext* ctx) const {
  bool raises = ctx->direction && ctx->direction->getText() == "raises";
  return {reader_.name(ctx->name()), raises, reader_.string(ctx->STRING(0)), reader_.string(ctx->STRING(1)),
          reader_.span(ctx)};
}

// ruleDecl : 'rule' name STRING? 'when' expr 'then' action (','? action)*
ast::RuleDecl AstBuilder::rule_decl(P::RuleDeclContext* ctx) const {
  ast::RuleDecl out;
  out.name = reader_.name(ctx->name());
  if (ctx->STRING()) out.description = reader_.string(ctx->STRING());
  out.when = exprs_.expr(ctx->expr());
  for (auto* a : ctx->action()) out.actions.push_back(action(a));
  out.span = reader_.span(ctx);
  return out;
}

// action : 'points' signedNumber | 'tag' STRING | 'reason' STRING STRING
//        | name '=' expr ('priority' signedNumber)? | IDENT
ast::Action AstBuilder::action(P::ActionContext* ctx) const {
  if (auto* c = dynamic_cast<P::OutputActionContext*>(ctx)) return output_action(c);
  ast::Action out;
  out.span = reader_.span(ctx);
  if (auto* c = dynamic_cast<P::PointsActionContext*>(ctx)) {
    out.kind = ast::ActionKind::Points;
    out.points = reader_.signed_number(c->signedNumber());
  } else if (auto* c = dynamic_cast<P::TagActionContext*>(ctx)) {
    out.kind = ast::ActionKind::Tag;
    out.tag = reader_.string(c->STRING());
  } else if (auto* c = dynamic_cast<P::ReasonActionContext*>(ctx)) {
    out.kind = ast::ActionKind::Reason;
    out.code = reader_.string(c->STRING(0));
    out.text = reader_.string(c->STRING(1));
  } else if (auto* c = dynamic_cast<P::OutcomeActionContext*>(ctx)) {
    out.kind = ast::ActionKind::Outcome;
    out.target = {c->IDENT()->getText(), reader_.span(c->IDENT())};
  } else {
    unknown_alternative("action");
  }
  return out;
}

// name '=' expr ('priority' signedNumber)?
ast::Action AstBuilder::output_action(P::OutputActionContext* ctx) const {
  ast::Action out;
  out.span = reader_.span(ctx);
  out.kind = ast::ActionKind::Output;
  out.target = reader_.name(ctx->name());
  out.value = exprs_.expr(ctx->expr());
  if (ctx->signedNumber()) out.priority = reader_.signed_number(ctx->signedNumber());
  return out;
}

// decideDecl : 'decide' decideBranch+
ast::DecideDecl AstBuilder::decide_decl(P::DecideDeclContext* ctx) const {
  ast::DecideDecl out;
  for (auto* b : ctx->decideBranch()) out.branches.push_back(decide_branch(b));
  out.span = reader_.span(ctx);
  return out;
}

// decideBranch : name 'when' expr | name 'otherwise'
ast::DecideBranch AstBuilder::decide_branch(P::DecideBranchContext* ctx) const {
  if (auto* w = dynamic_cast<P::WhenBranchContext*>(ctx)) {
    return {reader_.name(w->name()), exprs_.expr(w->expr()), reader_.span(ctx)};
  }
  if (auto* o = dynamic_cast<P::OtherwiseBranchContext*>(ctx))
    return {reader_.name(o->name()), nullptr, reader_.span(ctx)};
  unknown_alternative("decideBranch");
}

}  // namespace verdict::syntax
