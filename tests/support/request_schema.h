#pragma once
#include <string>

#include "compiler/ir/program.h"

namespace verdict::testing {

// `rules` compiled; the calling test fails (REQUIRE) when it does not compile.
ir::Program compile_program(const std::string& rules);

// The request parsers' test schema: a required number and bool, an
// optional number, enum and string, and one rule that reads them all.
ir::Program request_schema();

}  // namespace verdict::testing
