#pragma once
#include <string>
#include <vector>

#include "compiler/source/diagnostic_codes.h"
#include "compiler/source/span.h"

namespace verdict {

struct DiagnosticNote {
  Span span;
  std::string message;
};

// The one type for every problem reported to a user about their rules or
// their request. `code` is a registered code (compiler/source/
// diagnostic_codes.def, documented in docs/); the message is lowercase,
// concrete, with user text in backticks. Build one with `at` or `unlocated`,
// which take the severity from the registry.
struct Diagnostic {
  std::string code;
  Severity severity = Severity::Error;
  std::string message;
  Span span;
  std::vector<DiagnosticNote> notes;
  // False for problems with a file or request as a whole (unreadable file,
  // internal error, request errors): rendered without a line and caret.
  bool located = true;

  // A problem at `span` of a source file.
  static Diagnostic at(const DiagnosticCode& code, Span span, std::string message);
  // A problem with a file or request as a whole.
  static Diagnostic unlocated(const DiagnosticCode& code, std::string message);
};

// Collects diagnostics of one compilation. Not thread-safe.
class Diagnostics {
 public:
  // Reports `code` at `span`, with the registry's severity.
  void report(const DiagnosticCode& code, Span span, std::string message);
  // Reports `code` about the whole input rather than a place in it.
  void report_unlocated(const DiagnosticCode& code, std::string message);
  // Adds a note to the most recently reported diagnostic.
  void note(Span span, std::string message);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t size() const { return list_.size(); }
  // Ordered by position, then code, so output and golden files are stable.
  std::vector<Diagnostic> sorted() const;

 private:
  void add(Diagnostic diagnostic);

  std::vector<Diagnostic> list_;
  size_t errors_ = 0;
};

}  // namespace verdict
