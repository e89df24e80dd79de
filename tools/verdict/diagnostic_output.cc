#include "tools/verdict/diagnostic_output.h"

namespace verdict::cli {
namespace {

bool has_source(const Diagnostic& d, const SourceFile* source) { return source != nullptr && d.located; }

nlohmann::ordered_json position(const SourceFile& source, Span span) {
  LineCol begin = source.locate(span.begin);
  LineCol end = source.locate(span.end);
  return {{"line", begin.line}, {"column", begin.col}, {"end_line", end.line}, {"end_column", end.col}};
}

std::string plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

std::string render_all(const std::vector<Diagnostic>& diags, const SourceFile* source, const std::string& where) {
  std::string out;
  for (const Diagnostic& d : diags) {
    if (has_source(d, source)) {
      out += render_diagnostic(d, *source);
    } else {
      out += where + ": " + severity_name(d.severity) + "[" + d.code + "]: " + d.message + "\n";
    }
  }
  return out;
}

nlohmann::ordered_json diagnostics_json(const std::vector<Diagnostic>& diags, const SourceFile* source,
                                        const std::string& where) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const Diagnostic& d : diags) {
    nlohmann::ordered_json entry = {{"file", where}};
    if (has_source(d, source)) entry.update(position(*source, d.span));
    entry["severity"] = severity_name(d.severity);
    entry["code"] = d.code;
    entry["message"] = d.message;
    nlohmann::ordered_json notes = nlohmann::ordered_json::array();
    for (const DiagnosticNote& n : d.notes) {
      nlohmann::ordered_json note = {{"message", n.message}};
      if (has_source(d, source)) note.update(position(*source, n.span));
      notes.push_back(std::move(note));
    }
    if (!notes.empty()) entry["notes"] = std::move(notes);
    out.push_back(std::move(entry));
  }
  return out;
}

std::string summary(const std::vector<Diagnostic>& diags) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diags) (d.severity == Severity::Error ? errors : warnings)++;
  if (errors == 0 && warnings == 0) return "";
  if (warnings == 0) return plural(errors, "error");
  if (errors == 0) return plural(warnings, "warning");
  return plural(errors, "error") + " and " + plural(warnings, "warning");
}

}  // namespace verdict::cli
