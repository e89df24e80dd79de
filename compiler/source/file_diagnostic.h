#pragma once
#include "compiler/source/diagnostic.h"
#include "compiler/util/bounded_file.h"

namespace verdict {

// The code of a failed read_bounded_file: a file that does not exist or
// cannot be read is `unreadable` (E000, or the code its kind has always
// used: C001 for configs, T001 for cases files); a file that is not a
// regular file is E012, and one over its kind's limit is `too_large` (E012;
// E006 for rules files, the parser's own code for the same limit).
// PRECONDITION: `read` failed.
const DiagnosticCode& file_read_code(const FileRead& read, const DiagnosticCode& unreadable = code::E000,
                                     const DiagnosticCode& too_large = code::E012);

// The same as a diagnostic about the file as a whole, with the read's message.
Diagnostic file_read_diagnostic(const FileRead& read, const DiagnosticCode& unreadable = code::E000,
                                const DiagnosticCode& too_large = code::E012);

}  // namespace verdict
