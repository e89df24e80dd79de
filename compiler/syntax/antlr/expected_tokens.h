#pragma once
#include <string>
#include <vector>

#include "antlr4-runtime.h"

namespace verdict::syntax {

// The tokens `parser` expects where it stands, in words (`` `then` ``, "a
// name"), with the starts of an expression and of an action grouped into
// "an expression" and "an action (...)"; empty when there are too many to be
// useful or ANTLR cannot say.
std::vector<std::string> expected_names(antlr4::Parser& parser);

// "; expected A, B or C", or "" for no names.
std::string expected_list(const std::vector<std::string>& names);

}  // namespace verdict::syntax
