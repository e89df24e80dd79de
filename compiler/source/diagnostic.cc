#include "compiler/source/diagnostic.h"

#include <algorithm>

#include "compiler/source/source_file.h"

namespace verdict {

void Diagnostics::error(std::string code, Span span, std::string message) {
  list_.push_back({std::move(code), Severity::Error, std::move(message), span, {}});
  ++errors_;
}

void Diagnostics::warning(std::string code, Span span, std::string message) {
  list_.push_back({std::move(code), Severity::Warning, std::move(message), span, {}});
}

void Diagnostics::unlocated_error(std::string code, std::string message) {
  error(std::move(code), {}, std::move(message));
  list_.back().located = false;
}

void Diagnostics::note(Span span, std::string message) {
  if (!list_.empty()) list_.back().notes.push_back({span, std::move(message)});
}

std::vector<Diagnostic> Diagnostics::sorted() const {
  std::vector<Diagnostic> out = list_;
  std::stable_sort(out.begin(), out.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.span.begin != b.span.begin) return a.span.begin < b.span.begin;
    return a.code < b.code;
  });
  return out;
}

const char* severity_name(Severity severity) {
  return severity == Severity::Error ? "error" : "warning";
}

namespace {

// The source line of `span` and a caret line underneath it. Tabs are kept in
// the caret line so the caret stays aligned.
std::string snippet(Span span, const SourceFile& file) {
  LineCol start = file.locate(span.begin);
  std::string_view line = file.line_text(start.line);
  std::string out = "  " + std::string(line) + "\n  ";
  uint32_t col = start.col - 1;
  for (uint32_t i = 0; i < col && i < line.size(); ++i) out += line[i] == '\t' ? '\t' : ' ';
  uint32_t width = span.end > span.begin ? span.end - span.begin : 1;
  uint32_t room = line.size() > col ? static_cast<uint32_t>(line.size()) - col : 1;
  out += '^';
  out.append(std::min(width, room) - 1, '~');
  return out + "\n";
}

}  // namespace

std::string render_diagnostic(const Diagnostic& diag, const SourceFile& file) {
  std::string out = file.position(diag.span) + ": " + severity_name(diag.severity) + "[" +
                    diag.code + "]: " + diag.message + "\n" + snippet(diag.span, file);
  for (const DiagnosticNote& note : diag.notes) {
    out += file.position(note.span) + ": note: " + note.message + "\n" + snippet(note.span, file);
  }
  return out;
}

}  // namespace verdict
