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

// The request's text, and whether a number of it may have underflowed,
// found out once (at its first zero double) and only if needed.
class RequestText {
 public:
  explicit RequestText(std::string_view text) : text_(text) {}
  bool may_underflow() const {
    if (underflow_ < 0) underflow_ = verdict::may_underflow(text_) ? 1 : 0;
    return underflow_ == 1;
  }

 private:
  std::string_view text_;
  mutable int8_t underflow_ = -1;  // not known yet
};

// A number as nlohmann reads it: an integer as an int64 or uint64 converted
// to double (so `-0` is +0), any other correctly rounded. A zero is taken
// only when no number of the text may have underflowed (`1e-400`), and a
// subnormal never: the checked path says why they are out of range.
bool read_number(dom::element value, const RequestText& text, double& x) {
  switch (value.type()) {
    case dom::element_type::INT64: x = static_cast<double>(int64_t(value)); return true;
    case dom::element_type::UINT64: x = static_cast<double>(uint64_t(value)); return true;
    case dom::element_type::DOUBLE: x = double(value); return std::isnormal(x) || (x == 0 && !text.may_underflow());
    default: return false;
  }
}

// The fields named by the keys of the thread's previous request, by key
// position: a client sends its keys in one order, so the field at the same
// position is the first guess. A guess is only taken when the name matches,
// so a stale memo (another program at the same address) costs a search.
class KeyOrder {
 public:
  explicit KeyOrder(const ir::Program& program) : program_(program) {
    Memo& m = memo();
    if (m.program != &program) m = {&program, {}};
  }
  std::optional<uint32_t> field(size_t position, std::string_view key) const {
    std::vector<uint32_t>& order = memo().order;
    if (position < order.size() && order[position] < program_.fields.size() &&
        program_.fields[order[position]].name == key) {
      return order[position];
    }
    std::optional<uint32_t> f = program_.find_field(key);
    if (f && position < order.size()) order[position] = *f;
    if (f && position == order.size()) order.push_back(*f);
    return f;
  }

 private:
  struct Memo {
    const ir::Program* program = nullptr;
    std::vector<uint32_t> order;
  };
  static Memo& memo() {
    thread_local Memo m;
    return m;
  }
  const ir::Program& program_;
};

bool read_field(const ir::Program& program, uint32_t f, dom::element value, const RequestText& text, Frame& frame) {
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
  const RequestText request(text);
  thread_local std::vector<uint8_t> seen;  // reused: a request costs no allocation here
  seen.assign(program.fields.size(), 0);
  const KeyOrder keys(program);
  size_t position = 0;
  for (dom::key_value_pair member : object) {
    auto f = keys.field(position++, member.key);
    if (!f || seen[*f]) return false;
    seen[*f] = 1;
    if (!read_field(program, *f, member.value, request, frame)) return false;
  }
  for (uint32_t f = 0; f < program.fields.size(); ++f) {
    if (!seen[f] && !program.fields[f].type.optional) return false;
  }
  return true;
}

}  // namespace

bool frame_from_plain_json(const ir::Program& program, std::string_view text, Frame& frame) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") return false;
  PaddedText& padded = padded_text();
  padded.bytes.assign(text);
  padded.bytes.resize(text.size() + simdjson::SIMDJSON_PADDING);
  dom::element root;
  if (padded.parser.parse(padded.bytes.data(), text.size(), false).get(root)) return false;
  frame.reset(program.fields.size());
  return read_object(program, root, text, frame);
}

std::optional<Frame> frame_from_plain_json(const ir::Program& program, std::string_view text) {
  Frame frame;
  if (!frame_from_plain_json(program, text, frame)) return std::nullopt;
  return frame;
}

}  // namespace verdict
