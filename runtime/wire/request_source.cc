#include "runtime/wire/request_source.h"

#include "runtime/wire/json_scan.h"
#include "runtime/wire/request.h"

namespace verdict {
namespace {

std::vector<RequestText> non_blank_lines(std::string_view content) {
  std::vector<RequestText> out;
  uint32_t line = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    ++line;
    std::string_view text = content.substr(start, end - start);
    if (text.find_first_not_of(" \t\r") != std::string::npos) out.push_back({line, std::string(text)});
    start = end + 1;
  }
  return out;
}

// A single JSON object, a JSON array of objects, or else JSON Lines. The
// array is split by scanning its brackets, not by parsing it: no tree of the
// whole input is built, and each element is parsed, with the request
// limits, as its own request.
std::vector<RequestText> split_json(std::string_view content) {
  std::vector<JsonElement> elements;
  switch (json_shape(content, elements)) {
    case JsonShape::Object: return {{1, std::string(content)}};
    case JsonShape::Array: break;
    case JsonShape::Other: return non_blank_lines(content);
  }
  std::vector<RequestText> out;
  for (const JsonElement& e : elements) out.push_back({static_cast<uint32_t>(out.size() + 1), std::string(e.text)});
  return out;
}

// The content without a UTF-8 byte order mark (an editor's, or Excel's, in
// front of a CSV header it would otherwise make an invisible column name).
std::string_view without_bom(const std::string& content) {
  std::string_view view(content);
  if (view.starts_with("\xEF\xBB\xBF")) view.remove_prefix(3);
  return view;
}

Diagnostic no_header() { return Diagnostic::unlocated(code::R008, "the CSV input has no header row"); }

}  // namespace

RequestFormat request_format(std::string_view name, std::string_view path, RequestFormat json) {
  if (name == "csv" || (name == "auto" && path.ends_with(".csv"))) return RequestFormat::Csv;
  return json;
}

RequestSource::RequestSource(const std::string& whole, RequestFormat format) : format_(format) {
  std::string_view content = without_bom(whole);
  if (format == RequestFormat::Json) {
    requests_ = split_json(content);
    return;
  }
  requests_ = non_blank_lines(content);
  if (format == RequestFormat::Csv && !requests_.empty()) {
    header_ = std::move(requests_.front());
    requests_.erase(requests_.begin());
  }
}

bool RequestSource::map_columns(const ir::Program& program, const std::vector<std::string>& ignore_columns,
                                std::vector<Diagnostic>& errors) {
  if (!header_) {
    errors.push_back(no_header());
    return false;
  }
  columns_ = CsvRequests::from_header(program, header_->text, ignore_columns, errors);
  return columns_.has_value();
}

nlohmann::json RequestSource::request(const RequestText& r, std::vector<Diagnostic>& errors) const {
  if (format_ != RequestFormat::Csv) return request_from_text(r.text, errors);
  nlohmann::json out;
  if (!columns_) {
    errors.push_back(no_header());
    return nullptr;
  }
  if (r.text.size() > kMaxRequestBytes) {  // the limit of a JSON request holds for a row too
    errors.push_back(Diagnostic::unlocated(code::R007, "the row is " + std::to_string(r.text.size()) +
                                                           " bytes; the limit is " + std::to_string(kMaxRequestBytes)));
    return nullptr;
  }
  if (!columns_->request(r.text, out, errors)) return nullptr;
  return out;
}

FileRead read_input(const std::string& path, std::string& out) { return read_bounded_file(path, kInputFileLimit, out); }

}  // namespace verdict
