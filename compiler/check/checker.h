#pragma once
#include <optional>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"
#include "compiler/syntax/ast.h"

namespace verdict {

// Resolves names, checks types and lowers the file to the typed IR. Returns
// nullopt when any error was reported; warnings alone still give a program.
std::optional<ir::Program> check_rules(const ast::RulesFile& file, const SourceFile& source, Diagnostics& diags);

// parse_rules + check_rules.
std::optional<ir::Program> compile_rules(const SourceFile& source, Diagnostics& diags);

}  // namespace verdict
