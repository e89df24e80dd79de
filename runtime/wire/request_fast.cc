#include "runtime/wire/request_fast.h"

#include <simdjson.h>

#include <cmath>
#include <string>
#include <vector>

namespace verdict {
namespace {

namespace dom = simdjson::dom;

// The text copied behind simdjson's padding; reused by the thread, as is
// the parser's tape.
struct PaddedText {
  std::string bytes;
  dom::parser parser;
};

PaddedText& padded_text() {
  thread_local PaddedText text;
  return text;
}

// Whether a number in `text` may have underflowed to zero: one with an
// exponent, or one with 300 zeros in a row (without an exponent, a number
// below a double's smallest normal needs 307 zeros after its point).
// Strings are skipped; outside them an `e` after a digit is an exponent
// (`true` and `false` put theirs after a letter).
bool may_underflow(std::string_view text) {
  bool in_string = false;
  size_t zeros = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      in_string = c != '"';
      continue;
    }
    zeros = c == '0' ? zeros + 1 : 0;
    if (zeros >= 300) return true;
    if ((c == 'e' || c == 'E') && i > 0 && text[i - 1] >= '0' && text[i - 1] <= '9') return true;
    in_string = c == '"';
  }
  return false;
}

// A number as nlohmann reads it: an integer as an int64 or uint64 converted
// to double (so `-0` is +0), any other correctly rounded. A zero is taken
// only when no number of the text may have underflowed (`1e-400`), and a
// subnormal never: the checked path says why they are out of range.
bool read_number(dom::element value, std::string_view text, double& x) {
  switch (value.type()) {
    case dom::element_type::INT64: x = static_cast<double>(int64_t(value)); return true;
    case dom::element_type::UINT64: x = static_cast<double>(uint64_t(value)); return true;
    case dom::element_type::DOUBLE: x = double(value); return std::isnormal(x) || (x == 0 && !may_underflow(text));
    default: return false;
  }
}

bool read_field(const ir::Program& program, uint32_t f, dom::element value, std::string_view text, Frame& frame) {
  const ir::Field& field = program.fields[f];
  if (value.is_null()) return field.type.optional;
  switch (field.type.base) {
    case ir::BaseType::Number: {
      double x;
      if (!read_number(value, text, x)) return false;
      frame.set_number(f, x);
      return true;
    }
    case ir::BaseType::Bool:
      if (!value.is_bool()) return false;
      frame.set_bool(f, bool(value));
      return true;
    case ir::BaseType::String:
      if (!value.is_string()) return false;
      frame.set_string(f, std::string(std::string_view(value)));
      return true;
    case ir::BaseType::Enum: {
      if (!value.is_string()) return false;
      auto code = program.find_enum_member(field.type.enum_id, std::string_view(value));
      if (!code) return false;
      frame.set_enum(f, static_cast<int32_t>(*code));
      return true;
    }
  }
  return false;
}

bool read_object(const ir::Program& program, dom::element root, std::string_view text, Frame& frame) {
  dom::object object;
  if (root.get(object)) return false;
  std::vector<uint8_t> seen(program.fields.size(), 0);
  for (dom::key_value_pair member : object) {
    auto f = program.find_field(member.key);
    if (!f || seen[*f]) return false;
    seen[*f] = 1;
    if (!read_field(program, *f, member.value, text, frame)) return false;
  }
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    if (!seen[f] && !program.fields[f].type.optional) return false;
  }
  return true;
}

}  // namespace

std::optional<Frame> frame_from_plain_json(const ir::Program& program, std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") return std::nullopt;
  PaddedText& padded = padded_text();
  padded.bytes.assign(text);
  padded.bytes.resize(text.size() + simdjson::SIMDJSON_PADDING);
  dom::element root;
  if (padded.parser.parse(padded.bytes.data(), text.size(), false).get(root)) return std::nullopt;
  Frame frame(program.fields.size());
  if (!read_object(program, root, text, frame)) return std::nullopt;
  return frame;
}

}  // namespace verdict
