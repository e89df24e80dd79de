#pragma once
#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>
#include <vector>

#include "compiler/eval/frame.h"
#include "compiler/ir/program.h"
#include "compiler/source/diagnostic.h"

namespace verdict {

inline constexpr size_t kMaxRequestBytes = 1 << 20;

struct RequestOptions {
  // Accept non-finite numbers: NaN and ±inf values, and the strings "nan",
  // "inf" and "-inf" for number fields. Off for requests from users (a JSON
  // number that overflows is an error); test cases written in TOML use it.
  bool allow_nonfinite = false;
};

// Builds the frame for one request: a JSON object mapping field names to
// values. Every problem is reported (codes R001-R007, the field named in the
// message); returns nullopt when there was any.
std::optional<Frame> frame_from_json(const ir::Program& program, const nlohmann::json& request,
                                     std::vector<Diagnostic>& errors, const RequestOptions& options = {});

// Parses request text as JSON (no size limit here). Returns null with the
// errors for: invalid JSON or nesting deeper than kMaxJsonDepth (R006,
// naming the byte), a number that overflows or underflows a double (R005,
// naming the field), a key of the request object given twice (R012). A
// UTF-8 byte order mark at the start is skipped.
nlohmann::json parse_request_json(std::string_view text, std::vector<Diagnostic>& errors);

// Parses request text of at most `max_bytes` (else R007); on invalid JSON or
// a number out of range returns null with an R005/R006 error.
nlohmann::json request_from_text(std::string_view text, std::vector<Diagnostic>& errors,
                                 size_t max_bytes = kMaxRequestBytes);

// Parses request text (size-limited) and builds its frame.
std::optional<Frame> frame_from_text(const ir::Program& program, std::string_view text, std::vector<Diagnostic>& errors,
                                     const RequestOptions& options = {});

}  // namespace verdict
