#include "runtime/serve/error_body.h"

#include "compiler/source/source_file.h"
#include "runtime/wire/value_json.h"

namespace verdict::serve {
namespace {

using nlohmann::ordered_json;

ordered_json position(const SourceFile& source, Span span) {
  LineCol begin = source.locate(span.begin);
  LineCol end = source.locate(span.end);
  return {{"line", begin.line}, {"column", begin.col}, {"end_line", end.line}, {"end_column", end.col}};
}

}  // namespace

ordered_json error_json(std::string_view code, std::string_view message, const ordered_json& extra) {
  ordered_json error = {{"code", code}, {"message", message}};
  if (extra.is_object()) error.update(extra);
  return {{"error", std::move(error)}};
}

std::string error_body(std::string_view code, std::string_view message, const ordered_json& extra) {
  return json_text(error_json(code, message, extra));
}

ordered_json request_errors_json(const std::vector<Diagnostic>& errors) {
  ordered_json out = ordered_json::array();
  for (const Diagnostic& d : errors) out.push_back({{"code", d.code}, {"message", d.message}});
  return out;
}

ordered_json report_json(const LoadReport& report) {
  ordered_json out = ordered_json::array();
  for (const LoadReport::File& f : report.files) {
    for (const Diagnostic& d : f.diagnostics) {
      bool located = f.source && d.located;
      ordered_json entry = {{"file", f.path}};
      if (located) entry.update(position(*f.source, d.span));
      entry["severity"] = severity_name(d.severity);
      entry["code"] = d.code;
      entry["message"] = d.message;
      ordered_json notes = ordered_json::array();
      for (const DiagnosticNote& n : d.notes) {
        ordered_json note = {{"message", n.message}};
        if (located) note.update(position(*f.source, n.span));
        notes.push_back(std::move(note));
      }
      if (!notes.empty()) entry["notes"] = std::move(notes);
      out.push_back(std::move(entry));
    }
  }
  return out;
}

}  // namespace verdict::serve
