#include "runtime/wire/request.h"

#include <cmath>
#include <limits>

#include "compiler/source/suggest.h"
#include "compiler/source/utf8.h"
#include "runtime/wire/value_json.h"

namespace verdict {
namespace {

using nlohmann::json;

std::string json_kind(const json& v) {
  if (v.is_string()) return "the string " + json_text(v);
  if (v.is_boolean()) return std::string("the bool `") + (v.get<bool>() ? "true" : "false") + "`";
  if (v.is_number()) return "the number `" + json_text(v) + "`";
  if (v.is_array()) return "an array";
  if (v.is_object()) return "an object";
  return "`" + json_text(v) + "`";
}

class FrameBuilder {
 public:
  FrameBuilder(const ir::Program& program, std::vector<Diagnostic>& errors, const RequestOptions& options)
      : program_(program), errors_(errors), options_(options), frame_(program.fields.size()) {}

  std::optional<Frame> build(const json& request) {
    if (!request.is_object()) {
      fail(code::R006, "a request must be a JSON object of field values, not " + json_kind(request));
      return std::nullopt;
    }
    std::vector<bool> seen(program_.fields.size(), false);
    for (const auto& [key, value] : request.items()) {
      auto field = program_.find_field(key);
      if (!field) {
        unknown_field(key);
        continue;
      }
      seen[*field] = true;
      set_field(*field, value);
    }
    for (uint32_t f = 0; f < program_.fields.size(); ++f) {
      if (!seen[f] && !program_.fields[f].type.optional) {
        fail(code::R001, "required field `" + program_.fields[f].name + "` is missing");
      }
    }
    if (failed_) return std::nullopt;
    return std::move(frame_);
  }

 private:
  void fail(const DiagnosticCode& code, std::string message) {
    errors_.push_back(Diagnostic::unlocated(code, std::move(message)));
    failed_ = true;
  }

  void unknown_field(const std::string& key) {
    std::vector<std::string> names;
    for (const ir::Field& f : program_.fields) names.push_back(f.name);
    fail(code::R002, "unknown field `" + key + "`" + did_you_mean(key, names));
  }

  void set_field(uint32_t f, const json& value) {
    const ir::Field& field = program_.fields[f];
    if (value.is_null()) {
      if (!field.type.optional) fail(code::R001, "required field `" + field.name + "` is null");
      return;
    }
    switch (field.type.base) {
      case ir::BaseType::Number: return set_number(f, value);
      case ir::BaseType::Bool:
        if (!value.is_boolean()) return wrong_type(field, "true or false", value);
        return frame_.set_bool(f, value.get<bool>());
      case ir::BaseType::String:
        if (!value.is_string()) return wrong_type(field, "a string", value);
        if (!valid_utf8(f, value.get_ref<const std::string&>())) return;
        return frame_.set_string(f, value.get<std::string>());
      case ir::BaseType::Enum: return set_enum(f, value);
    }
  }

  // JSON text is checked by the parser; a request built in C++ or read from
  // CSV is not, and traces must be valid UTF-8 to be written at all.
  bool valid_utf8(uint32_t f, const std::string& s) {
    for (size_t i = 0; i < s.size();) {
      int n = utf8_sequence_length(s, i);
      if (n == 0) {
        fail(code::R011, "field `" + program_.fields[f].name + "` is not valid UTF-8 (byte " + std::to_string(i + 1) +
                             " of `" + printable(s) + "`)");
        return false;
      }
      i += static_cast<size_t>(n);
    }
    return true;
  }

  void set_number(uint32_t f, const json& value) {
    const ir::Field& field = program_.fields[f];
    double x = 0;
    if (value.is_number()) {
      x = value.get<double>();
    } else if (value.is_string() && options_.allow_nonfinite && nonfinite(value, x)) {
      // accepted below like any other number
    } else {
      return wrong_type(field, "a number", value);
    }
    if (std::isnan(x) && !field.type.optional) {
      return fail(code::R005, "required field `" + field.name + "` is NaN, which counts as missing");
    }
    if (std::isinf(x) && !options_.allow_nonfinite) {
      return fail(code::R005, "field `" + field.name + "` is out of range: " + json_text(value));
    }
    frame_.set_number(f, x);
  }

  static bool nonfinite(const json& value, double& x) {
    const std::string& s = value.get_ref<const std::string&>();
    if (s == "nan")
      x = std::numeric_limits<double>::quiet_NaN();
    else if (s == "inf")
      x = std::numeric_limits<double>::infinity();
    else if (s == "-inf")
      x = -std::numeric_limits<double>::infinity();
    else
      return false;
    return true;
  }

  void set_enum(uint32_t f, const json& value) {
    const ir::Field& field = program_.fields[f];
    if (!value.is_string()) return wrong_type(field, "one of its enum values as a string", value);
    const std::string& s = value.get_ref<const std::string&>();
    auto code = program_.find_enum_member(field.type.enum_id, s);
    if (!code) {
      const auto& members = program_.enums[field.type.enum_id].members;
      return fail(code::R004, "field `" + field.name + "` has value `" + s + "`, expected " + quoted_list(members) +
                                  did_you_mean(s, members));
    }
    frame_.set_enum(f, static_cast<int32_t>(*code));
  }

  void wrong_type(const ir::Field& field, const std::string& want, const json& value) {
    fail(code::R003, "field `" + field.name + "` expects " + want + ", got " + json_kind(value));
  }

  const ir::Program& program_;
  std::vector<Diagnostic>& errors_;
  const RequestOptions& options_;
  Frame frame_;
  bool failed_ = false;
};

}  // namespace

std::optional<Frame> frame_from_json(const ir::Program& program, const json& request, std::vector<Diagnostic>& errors,
                                     const RequestOptions& options) {
  return FrameBuilder(program, errors, options).build(request);
}

json request_from_text(std::string_view text, std::vector<Diagnostic>& errors, size_t max_bytes) {
  if (text.size() > max_bytes) {
    errors.push_back(Diagnostic::unlocated(
        code::R007, "request is " + std::to_string(text.size()) + " bytes; the limit is " + std::to_string(max_bytes)));
    return nullptr;
  }
  return parse_request_json(text, errors);
}

std::optional<Frame> frame_from_text(const ir::Program& program, std::string_view text, std::vector<Diagnostic>& errors,
                                     const RequestOptions& options) {
  json parsed = request_from_text(text, errors);
  if (!errors.empty()) return std::nullopt;
  return frame_from_json(program, parsed, errors, options);
}

}  // namespace verdict
