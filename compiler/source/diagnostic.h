#pragma once
#include <string>
#include <vector>

#include "compiler/source/span.h"

namespace verdict {

class SourceFile;

enum class Severity { Error, Warning };

struct DiagnosticNote {
  Span span;
  std::string message;
};

// The one type for every problem reported to a user about their rules or
// their request. `code` is stable (documented in docs/language.md); the
// message is lowercase, concrete, with user text in backticks.
struct Diagnostic {
  std::string code;
  Severity severity = Severity::Error;
  std::string message;
  Span span;
  std::vector<DiagnosticNote> notes;
  // False for problems with a file or request as a whole (unreadable file,
  // internal error, request errors): rendered without a line and caret.
  bool located = true;
};

// Collects diagnostics of one compilation. Not thread-safe.
class Diagnostics {
 public:
  void error(std::string code, Span span, std::string message);
  void warning(std::string code, Span span, std::string message);
  // An error about the whole input rather than a place in it.
  void unlocated_error(std::string code, std::string message);
  // Adds a note to the most recently reported diagnostic.
  void note(Span span, std::string message);

  bool has_errors() const { return errors_ > 0; }
  size_t error_count() const { return errors_; }
  size_t size() const { return list_.size(); }
  // Ordered by position, then code, so output and golden files are stable.
  std::vector<Diagnostic> sorted() const;

 private:
  std::vector<Diagnostic> list_;
  size_t errors_ = 0;
};

const char* severity_name(Severity severity);

// clang-style: `file:line:col: error[CODE]: message`, the source line, a
// caret under the span, then each note the same way.
std::string render_diagnostic(const Diagnostic& diag, const SourceFile& file);

}  // namespace verdict
