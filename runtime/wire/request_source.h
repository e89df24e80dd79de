#pragma once
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"
#include "compiler/util/bounded_file.h"
#include "runtime/wire/request_csv.h"

namespace verdict {

// One request as written in an input, with its 1-based line (in a JSON
// array: its 1-based position).
struct RequestText {
  uint32_t line = 1;
  std::string text;
};

// How the requests of an input are written.
enum class RequestFormat {
  Json,       // a single JSON object, a JSON array of objects, or JSON Lines
  JsonLines,  // one JSON object per non-blank line
  Csv,        // a header row naming fields, then one request per row
};

// The format an `--input-format` value means for the input at `path`:
// "csv", "json" (meaning `json`), or "auto": CSV for a `.csv` file, else `json`.
RequestFormat request_format(std::string_view name, std::string_view path, RequestFormat json);

// The requests of one input, split but not yet read: the front ends' source
// of requests. For CSV the first non-blank line is the header, which is not
// a request; its columns are mapped onto a program's fields before any row
// can be read.
class RequestSource {
 public:
  // A UTF-8 byte order mark at the start of `content` is skipped.
  RequestSource(const std::string& content, RequestFormat format);

  RequestFormat format() const { return format_; }
  // CSV only: the header line; null when the input has no non-blank line.
  const RequestText* header() const { return header_ ? &*header_ : nullptr; }
  const std::vector<RequestText>& requests() const { return requests_; }

  // CSV only: maps the header's columns onto `program`'s fields (request_csv.h);
  // false with the header's errors, or R008 when there is no header.
  bool map_columns(const ir::Program& program, const std::vector<std::string>& ignore_columns,
                   std::vector<Diagnostic>& errors);

  // The JSON request `r` holds: its text parsed (size-limited, R005-R007,
  // R012), or its CSV row through the mapped columns (R005, R007-R011; a
  // row has the size limit of a JSON request). Null with `errors`.
  nlohmann::json request(const RequestText& r, std::vector<Diagnostic>& errors) const;

 private:
  RequestFormat format_;
  std::optional<RequestText> header_;
  std::vector<RequestText> requests_;
  std::optional<CsvRequests> columns_;
};

// Reads an input: a file, a pipe, or standard input for "-", within
// kInputFileLimit (compiler/util/bounded_file.h: a directory or a device is
// refused, and so is an input over the limit, even on a stream).
FileRead read_input(const std::string& path, std::string& out);

}  // namespace verdict
