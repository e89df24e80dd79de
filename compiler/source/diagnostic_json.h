#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict {

// The one JSON form of diagnostics (`verdict check --format json`, rejected
// requests of `verdict decide`/`batch`, the server's load reports):
// [{file, line, column, end_line, end_column, severity, code, message,
// notes}], `file` being `where`; the positions only for a located
// diagnostic with a `source`, `notes` only when there are some.
nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diags, const SourceFile* source,
                                        const std::string& where);

}  // namespace verdict
