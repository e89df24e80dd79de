#pragma once
#include "antlr4-runtime.h"
#include "compiler/syntax/ast.h"
#include "compiler/syntax/code_point_index.h"

namespace verdict::syntax {

// Appends the comments of the lexed file (they are on the hidden channel, so
// not in the parse tree) to out.comments in file order, trailing spaces and
// `\r` cut, each marked trailing when code precedes it on its line.
void collect_comments(antlr4::CommonTokenStream& tokens, const CodePointIndex& index, ast::RulesFile& out);

}  // namespace verdict::syntax
