#pragma once
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/ast.h"

namespace verdict::check {

// What a name in the value namespace refers to.
struct Symbol {
  enum Kind : uint8_t { Field, Let, Segment, Model } kind;
  uint32_t index;  // Field: field index; Let/Segment: derived index; Model: model index
  Span span;
};

// Where each derived value came from in the AST (parallel to Program::derived).
struct DerivedSource {
  const ast::Expr* expr = nullptr;
  Span name_span;
};

// State shared by the passes of one check. The passes run in the order
// listed in checker.cc; each documents what it needs from earlier ones.
struct CheckContext {
  const ast::RulesFile& file;
  const SourceFile& source;
  Diagnostics& diags;
  ir::Program program;

  std::map<std::string, Symbol, std::less<>> values;  // fields, lets, segments, models
  std::map<std::string, uint32_t, std::less<>> outputs;
  std::map<std::string, uint32_t, std::less<>> outcomes;
  std::vector<Span> outcome_spans;
  std::vector<DerivedSource> derived_sources;  // in declaration order until ordered
  std::vector<bool> field_used;
  std::vector<bool> derived_used;
  std::vector<bool> derived_lowered;                    // set by lower_program, in dependency order
  std::unordered_map<std::string, int32_t> string_ids;  // index into program.strings

  // Each did-you-mean search scans every candidate; after this many, hints
  // are left out, so a file with thousands of unknown names stays linear.
  size_t suggestions_left = 200;
  bool may_suggest() { return suggestions_left > 0 && suggestions_left-- > 0; }

  std::vector<std::string> value_names() const;
  std::vector<std::string> output_names() const;
};

}  // namespace verdict::check
