#include "runtime/wire/request_csv.h"

#include <algorithm>
#include <cstdlib>

#include "compiler/source/suggest.h"
#include "compiler/source/utf8.h"
#include "compiler/util/csv_table.h"
#include "runtime/wire/number_range.h"

namespace verdict {
namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The whole cell as a number; strtod's own syntax (hex, `inf`, `nan`) is not
// accepted, so those reach frame_from_json as strings and are refused there.
bool parse_number(const std::string& cell, double& out) {
  if (cell.empty() || cell.find_first_not_of("0123456789+-.eE") != std::string::npos) return false;
  char* end = nullptr;
  out = std::strtod(cell.c_str(), &end);
  return end == cell.c_str() + cell.size();
}

nlohmann::json cell_json(const ir::Field& field, const std::string& cell, std::vector<Diagnostic>& errors) {
  if (field.type.base == ir::BaseType::Number) {
    double x = 0;
    if (!parse_number(cell, x)) return cell;
    std::string why = number_out_of_range(cell, x);
    if (!why.empty()) errors.push_back(Diagnostic::unlocated(code::R005, field_out_of_range(field.name, cell, why)));
    return x;
  }
  if (field.type.base == ir::BaseType::Bool) {
    std::string v = lower(cell);
    if (v == "true" || v == "yes" || v == "1") return true;
    if (v == "false" || v == "no" || v == "0") return false;
  }
  return cell;
}

std::optional<uint32_t> field_named(const ir::Program& program, const std::string& name) {
  auto field = program.find_field(name);
  for (uint32_t f = 0; !field && f < program.fields.size(); ++f) {
    if (lower(program.fields[f].name) == lower(name)) field = f;
  }
  return field;
}

// R013 for each `--ignore-columns` name that is a field (ignoring it would
// silently make the field missing) or is not a column of the header.
bool ignore_list_fits(const ir::Program& program, const std::vector<std::string>& header,
                      const std::vector<std::string>& ignore, std::vector<Diagnostic>& errors) {
  bool ok = true;
  for (const std::string& name : ignore) {
    std::string message;
    if (auto field = field_named(program, name)) {
      message = "`--ignore-columns " + printable(name) + "` names field `" + program.fields[*field].name + "` of `" +
                program.name + "`; only columns that are not fields can be ignored";
    } else if (std::none_of(header.begin(), header.end(),
                            [&](const std::string& c) { return lower(c) == lower(name); })) {
      message = "`--ignore-columns " + printable(name) + "` names no column of the header" + did_you_mean(name, header);
    } else {
      continue;
    }
    errors.push_back(Diagnostic::unlocated(code::R013, std::move(message)));
    ok = false;
  }
  return ok;
}

bool ignored(const std::vector<std::string>& ignore, const std::string& column) {
  return std::any_of(ignore.begin(), ignore.end(),
                     [&](const std::string& name) { return lower(name) == lower(column); });
}

}  // namespace

std::optional<CsvRequests> CsvRequests::from_header(const ir::Program& program, const std::string& header_line,
                                                    const std::vector<std::string>& ignore,
                                                    std::vector<Diagnostic>& errors) {
  std::vector<std::string> header;
  if (!model::split_csv_line(header_line, header)) {
    errors.push_back(Diagnostic::unlocated(code::R009, "the header row has a quoted cell that is not closed"));
    return std::nullopt;
  }
  CsvRequests out;
  out.program_ = &program;
  std::vector<std::string> names;
  for (const ir::Field& f : program.fields) names.push_back(f.name);
  bool ok = ignore_list_fits(program, header, ignore, errors);
  for (const std::string& column : header) {
    if (ignored(ignore, column)) {
      out.field_of_column_.push_back(-1);
      continue;
    }
    auto field = field_named(program, column);
    if (!field) {
      errors.push_back(Diagnostic::unlocated(
          code::R010, "column `" + printable(column) + "` is not a field of `" + program.name + "`" +
                          did_you_mean(column, names) + " (`--ignore-columns " + printable(column) + "` skips it)"));
      ok = false;
      continue;
    }
    if (std::find(out.field_of_column_.begin(), out.field_of_column_.end(), *field) != out.field_of_column_.end()) {
      errors.push_back(Diagnostic::unlocated(code::R010, "column `" + column + "` is field `" +
                                                             program.fields[*field].name +
                                                             "` again; each field may have one column"));
      ok = false;
    }
    out.field_of_column_.push_back(static_cast<int32_t>(*field));
  }
  if (!ok) return std::nullopt;
  return out;
}

bool CsvRequests::request(const std::string& line, nlohmann::json& out, std::vector<Diagnostic>& errors) const {
  std::vector<std::string> cells;
  if (!model::split_csv_line(line, cells)) {
    errors.push_back(Diagnostic::unlocated(code::R009, "a quoted cell is not closed"));
    return false;
  }
  if (cells.size() != field_of_column_.size()) {
    errors.push_back(Diagnostic::unlocated(code::R008, "the row has " + std::to_string(cells.size()) +
                                                           " cells; the header has " +
                                                           std::to_string(field_of_column_.size())));
    return false;
  }
  out = nlohmann::json::object();
  size_t errors_before = errors.size();
  for (size_t c = 0; c < cells.size(); ++c) {
    if (field_of_column_[c] < 0 || cells[c].empty()) continue;
    const ir::Field& field = program_->fields[field_of_column_[c]];
    out[field.name] = cell_json(field, cells[c], errors);
  }
  return errors.size() == errors_before;
}

}  // namespace verdict
