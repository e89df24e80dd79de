#include "compiler/source/diagnostic_json.h"

namespace verdict {
namespace {

using nlohmann::ordered_json;

ordered_json position(const SourceFile& source, Span span) {
  LineCol begin = source.locate(span.begin);
  LineCol end = source.locate(span.end);
  return {{"line", begin.line}, {"column", begin.col}, {"end_line", end.line}, {"end_column", end.col}};
}

ordered_json diagnostic_json(const Diagnostic& d, const SourceFile* source, const std::string& where) {
  bool located = source != nullptr && d.located;
  ordered_json entry = {{"file", where}};
  if (located) entry.update(position(*source, d.span));
  entry["severity"] = severity_name(d.severity);
  entry["code"] = d.code;
  entry["message"] = d.message;
  ordered_json notes = ordered_json::array();
  for (const DiagnosticNote& n : d.notes) {
    ordered_json note = {{"message", n.message}};
    if (located) note.update(position(*source, n.span));
    notes.push_back(std::move(note));
  }
  if (!notes.empty()) entry["notes"] = std::move(notes);
  return entry;
}

}  // namespace

ordered_json diagnostics_json(const std::vector<Diagnostic>& diags, const SourceFile* source,
                              const std::string& where) {
  ordered_json out = ordered_json::array();
  for (const Diagnostic& d : diags) out.push_back(diagnostic_json(d, source, where));
  return out;
}

}  // namespace verdict
