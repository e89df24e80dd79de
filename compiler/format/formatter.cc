#include "compiler/format/formatter.h"

#include <algorithm>

#include "compiler/format/expr_printer.h"
#include "compiler/format/layout.h"

namespace verdict {
namespace {

using formatting::Block;
using formatting::Group;
using formatting::Line;
using formatting::print_expr;
using formatting::print_type;
using formatting::quote;

// A `then` line longer than this puts one action per line.
constexpr size_t kMaxThenColumns = 100;

// Display width: UTF-8 continuation bytes take no column.
size_t columns(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::string pad(std::string text, size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

Line line(int indent, std::string text, Span range) { return {indent, std::move(text), range, indent}; }

Block one_line(Group group, Span span, std::string text) { return {group, span, {line(0, std::move(text), span)}}; }

std::string join_names(const std::vector<ast::Ident>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + names[i].name;
  return out;
}

// What layout decisions need besides the node itself.
struct Context {
  const std::vector<ast::Comment>& comments;  // in file order
  std::string_view source;

  // Offset of the first token at or after `at`, skipping blanks and comments:
  // finds the keyword that follows a node (`when`, `then`), whose position the
  // tree does not keep. Never past the end of the text.
  uint32_t next_token(uint32_t at) const {
    while (at < source.size()) {
      if (source[at] == '#') {
        while (at < source.size() && source[at] != '\n') ++at;
      } else if (source[at] == ' ' || source[at] == '\t' || source[at] == '\r' || source[at] == '\n') {
        ++at;
      } else {
        break;
      }
    }
    return at;
  }

  bool comment_within(uint32_t from, uint32_t to) const {
    auto it = std::lower_bound(comments.begin(), comments.end(), from,
                               [](const ast::Comment& c, uint32_t at) { return c.span.begin < at; });
    return it != comments.end() && it->span.begin < to;
  }
};

// ---------------------------------------------------------------- header

Block block(const ast::RulesetDecl& d) { return one_line(Group::Header, d.span, "ruleset " + d.name.name); }

Block block(const ast::VersionDecl& d, const Context&) {
  return one_line(Group::Header, d.span, "version " + quote(d.version.value));
}

Block block(const ast::OutcomesDecl& d, const Context&) {
  return one_line(Group::Header, d.span, "outcomes " + join_names(d.outcomes));
}

Block block(const ast::PointsDecl& d, const Context&) {
  return one_line(Group::Header, d.span,
                  "points base " + d.base.text + " scale " + d.scale_min.text + ".." + d.scale_max.text);
}

// ---------------------------------------------------------------- schema

// Start columns (after the 2-space indent) of the type and the description.
struct FieldColumns {
  size_t type = 0;
  size_t description = 0;
};

// typeRef '?'? then the annotations: everything before the description.
std::string field_type(const ast::FieldDecl& f) {
  std::string out = print_type(f.type) + (f.optional ? "?" : "");
  for (const ast::Ident& a : f.annotations) out += " @" + a.name;
  return out;
}

// Types longer than this (long enums) do not push every description right;
// they are followed by a single space instead.
constexpr size_t kMaxAlignedTypeWidth = 24;

FieldColumns field_columns(const std::vector<ast::FieldDecl>& fields) {
  FieldColumns cols;
  for (const ast::FieldDecl& f : fields) cols.type = std::max(cols.type, f.name.name.size() + 2);
  for (const ast::FieldDecl& f : fields) {
    if (!f.descriptions.empty() && field_type(f).size() <= kMaxAlignedTypeWidth) {
      cols.description = std::max(cols.description, cols.type + field_type(f).size() + 1);
    }
  }
  return cols;
}

// fieldDecl : name ':' typeRef '?'? fieldAttr*
std::string field_text(const ast::FieldDecl& f, const FieldColumns& cols) {
  std::string out = pad(f.name.name + ":", cols.type) + field_type(f);
  if (f.descriptions.empty()) return out;
  out = out.size() < cols.description ? pad(std::move(out), cols.description) : out + " ";
  for (size_t i = 0; i < f.descriptions.size(); ++i) {
    out += (i > 0 ? " " : "") + quote(f.descriptions[i].value);
  }
  return out;
}

// inputDecl : 'input' name '{' fieldDecl* '}'
Block block(const ast::InputDecl& d, const Context&) {
  Block out{Group::Block, d.span, {}};
  out.lines.push_back(line(0, "input " + d.name.name + " {", {d.span.begin, d.name.span.end}));
  FieldColumns cols = field_columns(d.fields);
  for (const ast::FieldDecl& f : d.fields) out.lines.push_back(line(2, field_text(f, cols), f.span));
  Line close = line(0, "}", {d.span.end - 1, d.span.end});
  close.comment_indent = 2;  // comments before `}` belong to the block
  out.lines.push_back(close);
  return out;
}

// outputDecl : 'output' name ':' typeRef '=' expr
Block block(const ast::OutputDecl& d, const Context&) {
  return one_line(Group::Output, d.span,
                  "output " + d.name.name + ": " + print_type(d.type) + " = " + print_expr(*d.default_value));
}

// letDecl : 'let' name '=' expr
Block block(const ast::LetDecl& d, const Context&) {
  return one_line(Group::Let, d.span, "let " + d.name.name + " = " + print_expr(*d.value));
}

// segmentDecl : 'segment' name 'when' expr
Block block(const ast::SegmentDecl& d, const Context&) {
  return one_line(Group::Segment, d.span, "segment " + d.name.name + " when " + print_expr(*d.when));
}

// ---------------------------------------------------------------- model

// `features (a, b, ...)` filled up to kMaxThenColumns; continuation lines
// are indented two more than the clause.
void feature_lines(const ast::ModelDecl& d, Block& out) {
  int indent = 2;
  std::string text = "features (";
  Span range{d.features_span.begin, d.features_span.begin};
  bool line_start = false;
  for (size_t i = 0; i < d.features.size(); ++i) {
    const ast::Ident& f = d.features[i];
    std::string piece = f.name + (i + 1 == d.features.size() ? ")" : ",");
    size_t width = static_cast<size_t>(indent) + columns(text) + 1 + columns(piece);
    if (!line_start && i > 0 && width > kMaxThenColumns) {
      out.lines.push_back(line(indent, text, range));
      indent = 4;
      text.clear();
      range = f.span;
      line_start = true;
    }
    text += (line_start || i == 0 ? "" : " ") + piece;
    range.end = f.span.end;
    line_start = false;
  }
  range.end = d.features_span.end;
  out.lines.push_back(line(indent, text, range));
}

// modelDecl : 'model' name '=' 'xgboost' STRING modelClause*
// Clauses come out in a fixed order: predicts, features, reasons.
Block block(const ast::ModelDecl& d, const Context&) {
  Block out{Group::Block, d.span, {}};
  out.lines.push_back(
      line(0, "model " + d.name.name + " = xgboost " + quote(d.file.value), {d.span.begin, d.file.span.end}));
  if (d.predicts) {
    std::string predicts = std::string("predicts ") + (d.predicts_not ? "not " : "") + d.predicts->name;
    out.lines.push_back(line(2, predicts, d.predicts_span));
  }
  if (!d.features.empty()) feature_lines(d, out);
  for (const ast::ModelReason& r : d.reasons) {
    out.lines.push_back(line(
        2, "reason " + r.feature.name + (r.raises ? " raises " : " ") + quote(r.code.value) + " " + quote(r.text.value),
        r.span));
  }
  return out;
}

// ---------------------------------------------------------------- rules

// action : points | tag | reason | name '=' expr priority? | name
std::string action_text(const ast::Action& a) {
  switch (a.kind) {
    case ast::ActionKind::Points: return "points " + a.points.text;
    case ast::ActionKind::Tag: return "tag " + quote(a.tag.value);
    case ast::ActionKind::Reason: return "reason " + quote(a.code.value) + " " + quote(a.text.value);
    case ast::ActionKind::Outcome: return a.target.name;
    case ast::ActionKind::Output: break;
  }
  std::string out = a.target.name + " = " + print_expr(*a.value);
  return a.priority ? out + " priority " + a.priority->text : out;
}

// One action per line when the `then` line is too long, or when comments sit
// between the actions (so they stay beside the action they describe).
// INVARIANT: the second condition holds again when the output is reformatted:
// comments printed on or before action lines after the first stay between
// the first action's end and the last action's start.
bool actions_one_per_line(const ast::RuleDecl& r, const std::string& one_line_text, const Context& ctx) {
  if (r.actions.size() < 2) return false;
  return 2 + columns(one_line_text) > kMaxThenColumns ||
         ctx.comment_within(r.actions.front().span.end, r.actions.back().span.begin);
}

// The lines start at the `then` keyword, so a comment after it stays on them.
void then_lines(const ast::RuleDecl& r, const Context& ctx, Block& out) {
  if (r.actions.empty()) return;
  uint32_t then_at = std::min(ctx.next_token(r.when->span.end), r.actions.front().span.begin);
  std::vector<std::string> texts;
  for (const ast::Action& a : r.actions) texts.push_back(action_text(a));
  std::string joined = "then " + texts[0];
  for (size_t i = 1; i < texts.size(); ++i) joined += ", " + texts[i];
  if (!actions_one_per_line(r, joined, ctx)) {
    out.lines.push_back(line(2, joined, {then_at, r.actions.back().span.end}));
    return;
  }
  for (size_t i = 0; i < texts.size(); ++i) {
    std::string text = (i == 0 ? "then " : "") + texts[i] + (i + 1 < texts.size() ? "," : "");
    Span range = i == 0 ? Span{then_at, r.actions[0].span.end} : r.actions[i].span;
    out.lines.push_back(line(i == 0 ? 2 : 4, std::move(text), range));
  }
}

// ruleDecl : 'rule' name STRING? 'when' expr 'then' action (','? action)*
Block block(const ast::RuleDecl& d, const Context& ctx) {
  Block out{Group::Block, d.span, {}};
  std::string header = "rule " + d.name.name;
  uint32_t header_end = d.name.span.end;
  if (d.description) {
    header += " " + quote(d.description->value);
    header_end = d.description->span.end;
  }
  out.lines.push_back(line(0, std::move(header), {d.span.begin, header_end}));
  uint32_t when_at = std::min(ctx.next_token(header_end), d.when->span.begin);
  out.lines.push_back(line(2, "when " + print_expr(*d.when), {when_at, d.when->span.end}));
  then_lines(d, ctx, out);
  return out;
}

// decideDecl : 'decide' decideBranch+ ; branches aligned on `when`/`otherwise`
Block block(const ast::DecideDecl& d, const Context&) {
  Block out{Group::Block, d.span, {}};
  out.lines.push_back(line(0, "decide", {d.span.begin, d.span.begin + 6}));
  size_t width = 0;
  for (const ast::DecideBranch& b : d.branches) width = std::max(width, b.outcome.name.size() + 1);
  for (const ast::DecideBranch& b : d.branches) {
    std::string tail = b.when ? "when " + print_expr(*b.when) : "otherwise";
    out.lines.push_back(line(2, pad(b.outcome.name, width) + tail, b.span));
  }
  return out;
}

}  // namespace

std::string format_rules(const ast::RulesFile& file, const SourceFile& source) {
  Context ctx{file.comments, source.text()};
  std::vector<Block> blocks{block(file.ruleset)};
  for (const ast::Item& item : file.items) {
    blocks.push_back(std::visit([&](const auto& decl) { return block(decl, ctx); }, item));
  }
  return formatting::render(blocks, file.comments, source.text());
}

}  // namespace verdict
