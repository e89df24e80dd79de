#include "compiler/source/file_diagnostic.h"

namespace verdict {

const DiagnosticCode& file_read_code(const FileRead& read, const DiagnosticCode& unreadable,
                                     const DiagnosticCode& too_large) {
  switch (read.problem) {
    case FileProblem::TooLarge: return too_large;
    case FileProblem::NotRegular: return code::E012;
    case FileProblem::None:
    case FileProblem::Unreadable: break;
  }
  return unreadable;
}

Diagnostic file_read_diagnostic(const FileRead& read, const DiagnosticCode& unreadable,
                                const DiagnosticCode& too_large) {
  return Diagnostic::unlocated(file_read_code(read, unreadable, too_large), read.message);
}

}  // namespace verdict
