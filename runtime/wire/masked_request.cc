#include "runtime/wire/masked_request.h"

#include <algorithm>

#include "compiler/util/csv_table.h"
#include "compiler/util/sha256.h"
#include "runtime/wire/json_scan.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

bool same_name(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool is_pii(const ir::Program& program, std::string_view name, bool any_case) {
  return std::any_of(program.fields.begin(), program.fields.end(), [&](const ir::Field& f) {
    return f.pii && (any_case ? same_name(f.name, name) : f.name == name);
  });
}

nlohmann::ordered_json withheld(const RequestText& request, const std::string& why) {
  return {{"withheld", why + ", so its @pii fields could not be masked; find it in the input by its line"},
          {"bytes", request.text.size()},
          {"sha256", sha256_hex(request.text)}};
}

// Whether `text` may hold a @pii field: it names one, or it has a \u
// escape that could spell one.
bool may_hold_pii(const ir::Program& program, std::string_view text) {
  if (text.find("\\u") != std::string_view::npos) return true;
  return std::any_of(program.fields.begin(), program.fields.end(), [&](const ir::Field& f) {
    return f.pii && text.find("\"" + f.name + "\"") != std::string_view::npos;
  });
}

nlohmann::ordered_json masked_json(const ir::Program& program, const RequestText& request) {
  if (!may_hold_pii(program, request.text)) return request.text;
  if (json_too_deep_at(request.text, kMaxJsonDepth)) return withheld(request, "the request nests too deep");
  nlohmann::ordered_json object = nlohmann::ordered_json::parse(request.text, nullptr, false);
  if (object.is_discarded() || !object.is_object()) return withheld(request, "the request is not a JSON object");
  for (auto& [key, value] : object.items()) {
    if (is_pii(program, key, false) && !value.is_null()) value = kMasked;
  }
  return json_text(object);
}

// A CSV cell as written back: quoted when it has to be.
std::string csv_cell(const std::string& cell) {
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

nlohmann::ordered_json masked_csv(const ir::Program& program, const RequestText* header, const RequestText& request) {
  std::vector<std::string> columns, cells;
  if (!header || !model::split_csv_line(header->text, columns))
    return withheld(request, "the CSV header is unreadable");
  std::vector<bool> pii(columns.size());
  for (size_t i = 0; i < columns.size(); ++i) pii[i] = is_pii(program, columns[i], true);
  if (std::find(pii.begin(), pii.end(), true) == pii.end()) return request.text;  // no @pii column: as written
  if (!model::split_csv_line(request.text, cells) || cells.size() != columns.size()) {
    return withheld(request, "the row's cells do not match the header");
  }
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    out += (i ? "," : "") + (pii[i] && !cells[i].empty() ? std::string(kMasked) : csv_cell(cells[i]));
  }
  return out;
}

}  // namespace

nlohmann::ordered_json masked_request(const ir::Program& program, const RequestSource& source,
                                      const RequestText& request) {
  bool has_pii = std::any_of(program.fields.begin(), program.fields.end(), [](const ir::Field& f) { return f.pii; });
  if (!has_pii) return request.text;
  if (source.format() == RequestFormat::Csv) return masked_csv(program, source.header(), request);
  return masked_json(program, request);
}

}  // namespace verdict
