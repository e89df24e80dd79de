#pragma once
#include <string>
#include <vector>

#include "compiler/source/diagnostic.h"
#include "compiler/source/source_file.h"

namespace verdict {

// The one text form of diagnostics (`verdict check`, load reports, the C
// API's messages).

// `error[CODE]: message`: a diagnostic's first line without its position.
std::string diagnostic_headline(const Diagnostic& diag);

// clang-style: `file:line:col: error[CODE]: message`, the source line, a
// caret under the span, then each note the same way.
std::string render_diagnostic(const Diagnostic& diag, const SourceFile& file);

// Each diagnostic as render_diagnostic prints it; one without a source (no
// `source`, or not located: E000, request errors) as `where: ` and its
// headline, on one line.
std::string render_all(const std::vector<Diagnostic>& diags, const SourceFile* source, const std::string& where);

// "2 errors and 1 warning" (empty when there are none).
std::string summary(const std::vector<Diagnostic>& diags);

}  // namespace verdict
