#pragma once
#include "RulesParser.h"
#include "compiler/source/diagnostic.h"
#include "compiler/syntax/antlr/expr_builder.h"
#include "compiler/syntax/antlr/tree_reader.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/code_point_index.h"

namespace verdict::syntax {

// Builds an ast::RulesFile from a complete parse tree, one function per
// grammar rule of Rules.g4 (expressions: ExprBuilder). Reports literal
// problems (E003, E004) to `diags` and throws UnknownParseTree for a node it
// has no case for. Comments are not in the parse tree (collect_comments).
class AstBuilder {
 public:
  AstBuilder(const CodePointIndex& index, Diagnostics& diags) : reader_(index, diags), exprs_(reader_) {}

  // file : rulesetDecl item* EOF
  ast::RulesFile file(RulesParser::FileContext* ctx) const;

 private:
  using P = RulesParser;

  ast::Item item(P::ItemContext* ctx) const;
  ast::PointsDecl points_decl(P::PointsDeclContext* ctx) const;
  ast::InputDecl input_decl(P::InputDeclContext* ctx) const;
  ast::FieldDecl field_decl(P::FieldDeclContext* ctx) const;
  ast::TypeRef type_ref(P::TypeRefContext* ctx) const;
  ast::OutputDecl output_decl(P::OutputDeclContext* ctx) const;
  ast::ModelDecl model_decl(P::ModelDeclContext* ctx) const;
  void model_clause(P::ModelClauseContext* ctx, ast::ModelDecl& out) const;
  void predicts_clause(P::PredictsClauseContext* ctx, ast::ModelDecl& out) const;
  void features_clause(P::FeaturesClauseContext* ctx, ast::ModelDecl& out) const;
  ast::ModelReason model_reason(P::ModelReasonClauseContext* ctx) const;
  ast::RuleDecl rule_decl(P::RuleDeclContext* ctx) const;
  ast::Action action(P::ActionContext* ctx) const;
  ast::Action output_action(P::OutputActionContext* ctx) const;
  ast::DecideDecl decide_decl(P::DecideDeclContext* ctx) const;
  ast::DecideBranch decide_branch(P::DecideBranchContext* ctx) const;

  TreeReader reader_;
  ExprBuilder exprs_;  // INVARIANT: declared after reader_, which it reads through
};

}  // namespace verdict::syntax
