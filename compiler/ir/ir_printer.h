#pragma once
#include <string>

#include "compiler/ir/program.h"

namespace verdict::ir {

// A stable text dump of a program (`verdict check --emit=ir`): the schema,
// then every node in evaluation order grouped under the declaration that owns
// it, one `%N = op args : type` line per node.
std::string print_program(const Program& program);

}  // namespace verdict::ir
