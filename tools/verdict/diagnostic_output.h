#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict::cli {

// Text as clang prints it, with the source line and a caret. A diagnostic
// without a source (E000, request errors) is printed as `where: error[..]: ..`.
std::string render_all(const std::vector<Diagnostic>& diags, const SourceFile* source, const std::string& where);

// {file, line, column, end_line, end_column, severity, code, message, notes}
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diags, const SourceFile* source,
                                        const std::string& where);

// "2 errors and 1 warning" (empty when there are none).
std::string summary(const std::vector<Diagnostic>& diags);

}  // namespace verdict::cli
