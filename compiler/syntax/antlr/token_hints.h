#pragma once
#include <string>

#include "antlr4-runtime.h"

// Hints for a syntax error, read from the tokens around the one the parser
// stopped at. Each returns "; ..." to append to the message, or "".
namespace verdict::syntax {

// The default-channel token `step` tokens away from `token` (-1: the one
// before), or null at either end of the stream.
antlr4::Token* neighbour(antlr4::Parser& parser, antlr4::Token* token, int step);

// For a token that another language would accept there: `=>`, `=<` and `<>`
// get the operator to write, a `=` in a condition gets `==`.
std::string token_hint(antlr4::Parser& parser, antlr4::Token* token);

// For an unexpected `.` next to a number: the digit missing before or after it.
std::string dot_hint(antlr4::Parser& parser, antlr4::Token* token);

}  // namespace verdict::syntax
