#pragma once
#include <string>

#include "compiler/source/source_file.h"
#include "compiler/syntax/ast.h"

namespace verdict {

// The canonical text of a rules file (`verdict fmt`). `file` must come from
// parse_rules(source); the source text is read only to keep blank lines the
// author left between items and comments.
//
// Guarantees: every comment in `file.comments` is printed exactly once; the
// result parses to a tree equal to `file` up to spans (model clauses come out
// in the order predicts, features, reasons; field annotations before the
// description); formatting the result again gives it back unchanged; no line
// ends in whitespace and the text ends with exactly one newline.
std::string format_rules(const ast::RulesFile& file, const SourceFile& source);

}  // namespace verdict
