#pragma once
#include "antlr4-runtime.h"
#include "compiler/source/diagnostic.h"
#include "compiler/syntax/code_point_index.h"
#include "compiler/syntax/parser.h"

namespace verdict::syntax {

// False, after reporting E005, when the lexed tokens nest deeper than
// kMaxExpressionDepth, counted over brackets and over operator chains
// between two statement keywords (four operators in a row count as one
// level). Runs before the parser, which would otherwise recurse that deep.
bool within_nesting_limit(antlr4::CommonTokenStream& tokens, const CodePointIndex& index, Diagnostics& diags);

}  // namespace verdict::syntax
