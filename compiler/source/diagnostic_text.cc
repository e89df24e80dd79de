#include "compiler/source/diagnostic_text.h"

#include <algorithm>

#include "compiler/source/utf8.h"

namespace verdict {
namespace {

// Appends how the character at line[i] is shown in a snippet and returns its
// length in bytes. Each character takes one column: control characters show
// as their Unicode control picture (NUL as U+2400), bytes that are not
// well-formed UTF-8 as U+FFFD, so the snippet is printable and valid UTF-8.
size_t show_char(std::string_view line, size_t i, std::string& out) {
  unsigned char c = static_cast<unsigned char>(line[i]);
  int length = utf8_sequence_length(line, i);
  if (length == 0) {
    out += "\xEF\xBF\xBD";
  } else if (c < 0x20 && c != '\t') {
    out += "\xE2\x90";
    out += static_cast<char>(0x80 + c);
  } else if (c == 0x7F) {
    out += "\xE2\x90\xA1";
  } else {
    out.append(line.substr(i, length));
  }
  return length == 0 ? 1 : length;
}

// Lines longer than this are shown as a window around the span, so that a
// file written on one line does not print megabytes per diagnostic.
constexpr uint32_t kMaxShownBytes = 200;
constexpr uint32_t kContextBefore = 60;

bool continuation_byte(std::string_view text, uint32_t i) {
  return i < text.size() && (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
}

// The source line of `span` and a caret line underneath it, one caret column
// per character. Tabs are kept in the caret line so the caret stays aligned.
std::string snippet(Span span, const SourceFile& file) {
  LineCol start = file.locate(span.begin);
  std::string_view line = file.line_text(start.line);
  uint32_t line_begin = span.begin - (start.col - 1);
  uint32_t from = 0, to = static_cast<uint32_t>(line.size());
  if (line.size() > kMaxShownBytes) {
    uint32_t col = start.col - 1;
    from = col > kContextBefore ? col - kContextBefore : 0;
    to = std::min<uint32_t>(to, from + kMaxShownBytes);
    for (int k = 0; k < 3 && continuation_byte(line, from); ++k) ++from;  // whole characters
    for (int k = 0; k < 3 && continuation_byte(line, to); ++k) ++to;
  }
  std::string shown = from > 0 ? "..." : "", pad = from > 0 ? "   " : "";
  uint32_t carets = 0;
  bool bom = line_begin == 0 && line.substr(0, 3) == "\xEF\xBB\xBF";  // not shown
  uint32_t i = std::max<uint32_t>(from, bom ? 3 : 0);
  while (i < to) {
    uint32_t offset = line_begin + i;
    size_t length = show_char(line, i, shown);
    if (offset < span.begin) {
      pad += line[i] == '\t' ? '\t' : ' ';
    } else if (offset < span.end) {
      ++carets;
    }
    i += static_cast<uint32_t>(length);
  }
  if (to < line.size()) shown += "...";
  return "  " + shown + "\n  " + pad + "^" + std::string(carets > 1 ? carets - 1 : 0, '~') + "\n";
}

std::string plural(size_t n, const char* word) { return std::to_string(n) + " " + word + (n == 1 ? "" : "s"); }

}  // namespace

std::string diagnostic_headline(const Diagnostic& diag) {
  return std::string(severity_name(diag.severity)) + "[" + diag.code + "]: " + diag.message;
}

std::string render_diagnostic(const Diagnostic& diag, const SourceFile& file) {
  std::string out = file.position(diag.span) + ": " + diagnostic_headline(diag) + "\n" + snippet(diag.span, file);
  for (const DiagnosticNote& note : diag.notes) {
    out += file.position(note.span) + ": note: " + note.message + "\n" + snippet(note.span, file);
  }
  return out;
}

std::string render_all(const std::vector<Diagnostic>& diags, const SourceFile* source, const std::string& where) {
  std::string out;
  for (const Diagnostic& d : diags) {
    if (source != nullptr && d.located) {
      out += render_diagnostic(d, *source);
    } else {
      out += where + ": " + diagnostic_headline(d) + "\n";
    }
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

}  // namespace verdict
