#include "runtime/wire/request_source.h"

#include <iostream>
#include <iterator>

#include "runtime/deploy/ruleset.h"
#include "runtime/wire/request.h"

namespace verdict {
namespace {

std::vector<RequestText> non_blank_lines(const std::string& content) {
  std::vector<RequestText> out;
  uint32_t line = 0;
  for (size_t start = 0; start < content.size();) {
    size_t end = content.find('\n', start);
    if (end == std::string::npos) end = content.size();
    ++line;
    std::string text = content.substr(start, end - start);
    if (text.find_first_not_of(" \t\r") != std::string::npos) out.push_back({line, std::move(text)});
    start = end + 1;
  }
  return out;
}

// A single JSON object, a JSON array of objects, or else JSON Lines.
std::vector<RequestText> split_json(const std::string& content) {
  nlohmann::json whole = nlohmann::json::parse(content, nullptr, false);
  if (!whole.is_discarded() && whole.is_object()) return {{1, content}};
  if (!whole.is_discarded() && whole.is_array()) {
    std::vector<RequestText> out;
    for (const auto& item : whole) out.push_back({static_cast<uint32_t>(out.size() + 1), item.dump()});
    return out;
  }
  return non_blank_lines(content);
}

Diagnostic no_header() { return Diagnostic::unlocated(code::R008, "the CSV input has no header row"); }

}  // namespace

RequestFormat request_format(std::string_view name, std::string_view path, RequestFormat json) {
  if (name == "csv" || (name == "auto" && path.ends_with(".csv"))) return RequestFormat::Csv;
  return json;
}

RequestSource::RequestSource(const std::string& content, RequestFormat format) : format_(format) {
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
  if (!columns_->request(r.text, out, errors)) return nullptr;
  return out;
}

bool read_input(const std::string& path, std::string& out) {
  if (path == "-") {
    out.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
    return true;
  }
  return read_text_file(path, out);
}

}  // namespace verdict
